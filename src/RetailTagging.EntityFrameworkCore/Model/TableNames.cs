namespace RetailTagging.EntityFrameworkCore;

/// <summary>The unprefixed table names of the RetailTagging model.</summary>
public static class TableNames
{
    /// <summary>Customers (golden records).</summary>
    public const string Customers = "customers";
    /// <summary>Source records.</summary>
    public const string SourceRecords = "source_records";
    /// <summary>Source record identifiers.</summary>
    public const string SourceIdentifiers = "source_identifiers";
    /// <summary>Merge history.</summary>
    public const string IdentityChanges = "identity_changes";
    /// <summary>Reviewers' link/separate decisions.</summary>
    public const string IdentityDecisions = "identity_decisions";
    /// <summary>Events.</summary>
    public const string Events = "events";
    /// <summary>Tag definitions (versioned).</summary>
    public const string TagDefinitions = "tag_definitions";
    /// <summary>One row per customer with saved tags: the instant of the set and its concurrency token.</summary>
    public const string TagSets = "tag_sets";
    /// <summary>Current tag assignments.</summary>
    public const string TagAssignments = "tag_assignments";
    /// <summary>Tag history.</summary>
    public const string TagHistory = "tag_history";
    /// <summary>Manual decisions and their review state.</summary>
    public const string ManualDecisions = "manual_decisions";
    /// <summary>Score snapshots.</summary>
    public const string ScoreSnapshots = "score_snapshots";
    /// <summary>Pending trigger timers.</summary>
    public const string TriggerTimers = "trigger_timers";
    /// <summary>Decided trigger idempotency keys (keyed hashes) and their expiry.</summary>
    public const string TriggerDecisions = "trigger_decisions";
    /// <summary>The latest delivery per customer and trigger (cooldowns).</summary>
    public const string TriggerDeliveries = "trigger_deliveries";
    /// <summary>Marketing touches per customer (frequency caps).</summary>
    public const string TriggerTouches = "trigger_touches";
    /// <summary>The delivery outbox and its dead letters.</summary>
    public const string OutboxMessages = "outbox_messages";
    /// <summary>Consent per customer and channel.</summary>
    public const string Consents = "consents";
    /// <summary>Audit log.</summary>
    public const string AuditLog = "audit_log";
    /// <summary>Batch run checkpoints.</summary>
    public const string BatchCheckpoints = "batch_checkpoints";
}
