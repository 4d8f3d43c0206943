namespace RetailTagging.Lifecycle.Monitoring;

/// <summary>A count that moved more than the threshold against its baseline.</summary>
/// <param name="Series">The series, e.g. <c>sign_ups:store-12</c> or <c>tag:vip</c>.</param>
/// <param name="Period">The period of the value (the caller's label, e.g. the day).</param>
/// <param name="Value">The observed value.</param>
/// <param name="Baseline">The trailing mean of the previous periods.</param>
/// <param name="ChangePercent">(value - baseline) / baseline * 100: negative for a drop.</param>
public sealed record AnomalyAlert(string Series, string Period, double Value, double Baseline, double ChangePercent)
{
    /// <summary>True for a drop, false for a rise.</summary>
    public bool IsDrop => ChangePercent < 0;
}
