namespace RetailTagging.Lifecycle;

/// <summary>Which change of a tag a tag trigger reacts to, fed from the engine's <see cref="RetailTagging.Engine.TagChange"/> diffs.</summary>
public enum TagTransition
{
    /// <summary>The customer gained the tag (<see cref="RetailTagging.Engine.TagChangeKind.Added"/>).</summary>
    Entered,
    /// <summary>The customer lost the tag: removed or expired.</summary>
    Exited,
    /// <summary>A valued tag's value changed.</summary>
    Changed,
}
