namespace RetailTagging.Identity;

/// <summary>What the cluster engine may ask about the world outside the component it resolves.</summary>
internal interface IResolutionContext
{
    /// <summary>A rule key shared by more records than the guard allows (a function of the record set).</summary>
    bool IsHotKey(int key);

    /// <summary>A blocking key with more records than the fuzzy block limit.</summary>
    bool IsHotBlock(int blockKey);

    /// <summary>The text of a rule key (<c>name␟value1␟value2…</c>), built on demand from its id.</summary>
    string KeyText(int key);

    /// <summary>The record with a global index.</summary>
    PreparedRecord Get(int index);

    /// <summary>The record with an id, or null.</summary>
    PreparedRecord? Find(string recordId);

    /// <summary>Decisions naming the record.</summary>
    IEnumerable<IdentityDecision> DecisionsFor(string recordId);
}
