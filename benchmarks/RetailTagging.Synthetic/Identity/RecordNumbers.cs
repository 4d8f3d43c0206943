namespace RetailTagging.Synthetic.Identity;

/// <summary>
/// Record ids that say nothing about who a record belongs to. Records are generated person by person, so
/// a running counter would put one person's records at consecutive numbers, a label any resolver could
/// read off the id. A seeded bijection on 32-bit integers keeps ids unique and stable per seed while
/// scattering them.
/// </summary>
internal static class RecordNumbers
{
    public static uint Scramble(int number, int seed)
    {
        // Every step (xor with a constant or a right shift of itself, multiplication by an odd constant)
        // is invertible modulo 2^32, so distinct numbers give distinct ids.
        var x = unchecked((uint)number ^ (uint)seed * 0x9E3779B9u);
        x ^= x >> 16;
        x = unchecked(x * 0x7FEB352Du);
        x ^= x >> 15;
        x = unchecked(x * 0x846CA68Bu);
        x ^= x >> 16;
        return x;
    }
}
