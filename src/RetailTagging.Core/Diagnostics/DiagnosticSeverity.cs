namespace RetailTagging.Diagnostics;

/// <summary>How serious a diagnostic is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>Worth a look; the catalog still compiles.</summary>
    Warning,
    /// <summary>The catalog does not compile.</summary>
    Error,
}
