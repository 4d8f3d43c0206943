namespace RetailTagging.Identity;

/// <summary>What the cluster engine may ask about the world outside the component it resolves.</summary>
internal interface IResolutionContext
{
    /// <summary>A rule key shared by more records than the guard allows (a function of the record set).</summary>
    bool IsHotKey(string key);

    /// <summary>A blocking key with more records than the fuzzy block limit.</summary>
    bool IsHotBlock(string blockKey);

    /// <summary>The record with a global index.</summary>
    PreparedRecord Get(int index);

    /// <summary>The record with an id, or null.</summary>
    PreparedRecord? Find(string recordId);

    /// <summary>Decisions naming the record.</summary>
    IEnumerable<IdentityDecision> DecisionsFor(string recordId);
}
