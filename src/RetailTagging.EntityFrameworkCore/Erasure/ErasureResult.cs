namespace RetailTagging.EntityFrameworkCore.Erasure;

/// <summary>What an erasure did.</summary>
/// <param name="ErasureReference">
/// The keyed hash that stands for the erased id in the audit log (<c>erased:</c> followed by hex): whoever holds the
/// id and the hash key can prove the erasure happened; the log alone does not reveal whom it was about.
/// </param>
/// <param name="CustomerFound">Whether a customer row with the id existed.</param>
/// <param name="RowsDeleted">Rows deleted, by entity name (only tables that had rows).</param>
/// <param name="RowsRewritten">Rows kept but rewritten (audit entries, merge history, review decisions, checkpoints).</param>
public sealed record ErasureResult(string ErasureReference, bool CustomerFound, IReadOnlyDictionary<string, int> RowsDeleted, int RowsRewritten)
{
    /// <summary>All rows deleted.</summary>
    public int TotalRowsDeleted => RowsDeleted.Values.Sum();
}
