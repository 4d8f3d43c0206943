namespace RetailTagging.Lifecycle;

/// <summary>What a pending timer will do when it falls due.</summary>
public enum TimerStage : byte
{
    /// <summary>A delayed (or dated) firing waiting to be decided; cancel conditions apply.</summary>
    Scheduled,
    /// <summary>A firing deferred to the end of quiet hours; decided again when due.</summary>
    Deferred,
    /// <summary>A delivery that failed and will be retried on <see cref="TriggerTimer.Channel"/>.</summary>
    Retry,
}
