namespace RetailTagging.Language.Runtime;

/// <summary>
/// The running state of an aggregate pass, typed by what each measure needs (counts, decimal sums,
/// best values, distinct sets) so that nothing is boxed and resetting clears only the slots a plan
/// uses. One per frame, reused across customers.
/// </summary>
internal sealed class AggregateState
{
    /// <summary>How many slots of each kind a plan uses; measures take their offsets from it at build time.</summary>
    internal sealed class Layout
    {
        public int Counts, Sums, Bests, Sets, Filters;

        public static int Take(ref int next, int count)
        {
            var offset = next;
            next += count;
            return offset;
        }
    }

    public long[] Counts = [];
    public decimal[] Sums = [];
    public bool[] Overflow = [];
    public Value[] Best = [];
    public CustomerEvent?[] BestEvent = [];
    public DistinctSet?[] Sets = [];
    public bool[] Matched = [];

    public void Reset(Layout layout)
    {
        Clear(ref Counts, layout.Counts);
        Clear(ref Sums, layout.Sums);
        Clear(ref Overflow, layout.Sums);
        Clear(ref Best, layout.Bests);
        Clear(ref BestEvent, layout.Bests);
        if (Sets.Length < layout.Sets) Array.Resize(ref Sets, layout.Sets);
        for (var i = 0; i < layout.Sets; i++) Sets[i]?.Clear();
        if (Matched.Length < layout.Filters) Matched = new bool[layout.Filters];
    }

    private static void Clear<T>(ref T[] array, int count)
    {
        if (array.Length < count) array = new T[count];
        else Array.Clear(array, 0, count);
    }
}
