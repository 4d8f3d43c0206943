namespace RetailTagging.Lifecycle;

/// <summary>
/// A spare list per thread for the scratch lists of one scheduler call (candidates, deliveries):
/// taken at the start and given back cleared at the end, so a call allocates none once warm. A
/// nested call on the same thread (host code calling back) finds none spare and gets a new one.
/// </summary>
internal static class Scratch<T>
{
    private const int MaxKeptCapacity = 64; // A list grown by a large sweep is left to the collector.

    [ThreadStatic]
    private static List<T>? t_spare;

    public static List<T> Rent()
    {
        var list = t_spare;
        if (list is null) return new List<T>(4);
        t_spare = null;
        return list;
    }

    public static void Return(List<T>? list)
    {
        if (list is null || list.Capacity > MaxKeptCapacity) return;
        list.Clear();
        t_spare = list;
    }
}
