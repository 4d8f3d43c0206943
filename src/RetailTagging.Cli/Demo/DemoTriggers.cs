using RetailTagging.Lifecycle;

namespace RetailTagging.Cli.Demo;

/// <summary>The demo's lifecycle programme: the ready-made retail playbook (replenishment for the synthetic shop's categories) plus three triggers on tag changes of the reference catalog.</summary>
internal static class DemoTriggers
{
    public static LifecycleOptions Options(TimeZoneInfo businessTimeZone)
    {
        var options = new LifecycleOptions
        {
            TimeZone = businessTimeZone,
            QuietHours = new QuietHours(new TimeOnly(21, 0), new TimeOnly(9, 0)),
            FrequencyCap = new FrequencyCap(3, TimeSpan.FromDays(7)),
        };
        options.Add(
            Playbooks.NewMemberWelcome(),
            Playbooks.FirstPurchaseCoupon(),
            Playbooks.BirthdayOffer(),
            Playbooks.AbandonedCart(),
            Playbooks.ComplaintCallBack(),
            // The synthetic shop sells formula under baby_food.
            Playbooks.Replenishment("formula_replenishment", "baby_food", 28),
            Playbooks.Replenishment("diapers_replenishment", "diapers", 21),
            Playbooks.WinBack(),
            Trigger.OnTagEntered("churn_rescue", "churn_risk")
                .Does("send_retention_offer").Via(TriggerChannel.WeChat, TriggerChannel.Sms).WithPriority(45),
            Trigger.OnTagEntered("vip_welcome", "vip_member")
                .Does("send_vip_welcome").Via(TriggerChannel.WeChat, TriggerChannel.Email).WithPriority(55),
            Trigger.OnTagEntered("service_recovery_call", "needs_callback")
                .Does("create_service_call").Via(TriggerChannel.Call).AsService().WithPriority(90));
        return options;
    }

    /// <summary>The channels a customer without marketing consent is opted out of (a staff call-back is service, not marketing).</summary>
    public static IReadOnlyList<TriggerChannel> MarketingChannels { get; } =
        [TriggerChannel.Sms, TriggerChannel.WeChat, TriggerChannel.Email, TriggerChannel.Push];
}
