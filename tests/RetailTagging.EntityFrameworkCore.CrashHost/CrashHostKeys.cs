using RetailTagging.EntityFrameworkCore.Privacy;

namespace RetailTagging.EntityFrameworkCore.CrashHost;

/// <summary>Fixed test keys: the crash test only compares rows, but the seeded personal data is encrypted as in production.</summary>
internal static class CrashHostKeys
{
    public static IEncryptionKeyProvider Provider { get; } = new StaticKeyProvider("crash-test",
        new Dictionary<string, byte[]> { ["crash-test"] = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray() },
        Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());
}
