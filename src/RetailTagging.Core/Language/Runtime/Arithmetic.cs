namespace RetailTagging.Language.Runtime;

/// <summary>
/// Total arithmetic: where .NET would throw (overflow, division by zero, a date out of range)
/// the language gives null. Shared by the compiler and the interpreter.
/// </summary>
internal static class Arithmetic
{
    public static decimal? Add(decimal a, decimal b) { try { return a + b; } catch (OverflowException) { return null; } }
    public static decimal? Subtract(decimal a, decimal b) { try { return a - b; } catch (OverflowException) { return null; } }
    public static decimal? Multiply(decimal a, decimal b) { try { return a * b; } catch (OverflowException) { return null; } }
    public static decimal? Divide(decimal a, decimal b) { try { return b == 0 ? null : a / b; } catch (OverflowException) { return null; } }
    public static decimal? Modulo(decimal a, decimal b) { try { return b == 0 ? null : a % b; } catch (OverflowException) { return null; } }

    public static TimeSpan? Add(TimeSpan a, TimeSpan b) { try { return a + b; } catch (OverflowException) { return null; } }
    public static TimeSpan? Subtract(TimeSpan a, TimeSpan b) { try { return a - b; } catch (OverflowException) { return null; } }
    public static TimeSpan? Negate(TimeSpan a) => a == TimeSpan.MinValue ? null : -a;
    public static TimeSpan? Abs(TimeSpan a) => a == TimeSpan.MinValue ? null : a.Duration();

    public static TimeSpan? Multiply(TimeSpan a, decimal b)
    {
        try
        {
            var ticks = decimal.Round(a.Ticks * b, MidpointRounding.AwayFromZero);
            return ticks is >= long.MinValue and <= long.MaxValue ? new TimeSpan((long)ticks) : null;
        }
        catch (OverflowException) { return null; }
    }

    public static TimeSpan? Divide(TimeSpan a, decimal b) => b == 0 ? null : Multiply(a, 1m / b);

    public static decimal? Divide(TimeSpan a, TimeSpan b) => b == TimeSpan.Zero ? null : (decimal)a.Ticks / b.Ticks;

    public static DateTimeOffset? Add(DateTimeOffset a, TimeSpan b)
    {
        var ticks = (decimal)a.UtcTicks + b.Ticks;
        return ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks ? new DateTimeOffset((long)ticks, TimeSpan.Zero) : null;
    }

    public static DateTimeOffset? Subtract(DateTimeOffset a, TimeSpan b) => b == TimeSpan.MinValue ? null : Add(a, -b);

    public static TimeSpan? Subtract(DateTimeOffset a, DateTimeOffset b) => new TimeSpan(a.UtcTicks - b.UtcTicks);

    public static decimal? Negate(decimal a) => -a;

    public static decimal? Round(decimal? value, decimal? digits)
    {
        if (value is not { } v || digits is not { } d) return null;
        if (d < 0 || d > 28 || decimal.Truncate(d) != d) return null;
        return decimal.Round(v, (int)d, MidpointRounding.AwayFromZero);
    }
}
