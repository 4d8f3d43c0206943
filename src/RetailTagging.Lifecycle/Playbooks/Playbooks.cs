namespace RetailTagging.Lifecycle;

/// <summary>Ready-made trigger definitions for the common retail playbook; refine them with the fluent methods.</summary>
public static class Playbooks
{
    /// <summary>First purchase: a coupon 72 hours later unless a second order came. Needs the history (the <c>when</c> condition counts purchases).</summary>
    public static TriggerDefinition FirstPurchaseCoupon(string id = "first_purchase_coupon") =>
        Trigger.OnEvent(id, EventTypes.Purchase, when: "count(purchase) == 1")
            .NotFollowedBy(EventTypes.Purchase, TimeSpan.FromHours(72))
            .Does("send_coupon").Via(TriggerChannel.WeChat, TriggerChannel.Sms, TriggerChannel.Email)
            .WithPriority(50);

    /// <summary>Birthday offer three days before the birthday at 10:00 business time (28 February for 29 February birthdays in non-leap years).</summary>
    public static TriggerDefinition BirthdayOffer(string id = "birthday_offer") =>
        Trigger.OnDate(id, "birth_date", -3, new TimeOnly(10, 0))
            .Does("send_birthday_offer").Via(TriggerChannel.WeChat, TriggerChannel.Sms)
            .WithPriority(60);

    /// <summary>Cart added without checkout within 30 minutes: a nudge. A new cart add within an hour does not nudge again (cooldown).</summary>
    public static TriggerDefinition AbandonedCart(string id = "abandoned_cart") =>
        Trigger.OnEvent(id, EventTypes.CartAdd)
            .NotFollowedBy(EventTypes.Checkout, TimeSpan.FromMinutes(30))
            .Does("send_cart_reminder").Via(TriggerChannel.Push, TriggerChannel.WeChat)
            .WithCooldown(TimeSpan.FromHours(24))
            .WithPriority(40);

    /// <summary>Complaint: a high-risk call-back task for staff, due within 2 hours. A service action: outside the cap and quiet hours.</summary>
    public static TriggerDefinition ComplaintCallBack(string id = "complaint_callback") =>
        Trigger.OnEvent(id, EventTypes.Complaint)
            .Does("create_callback_task").Via(TriggerChannel.Call)
            .AsService()
            .With("risk", "high").With("due_within", "PT2H")
            .WithPriority(100);

    /// <summary>Replenishment reminder when a purchase cycle comes due: 28 days after the last purchase in <paramref name="category"/>.</summary>
    public static TriggerDefinition Replenishment(string id = "formula_replenishment", string category = "formula_milk", int cycleDays = 28)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(category);
        if (category.Contains('"')) throw new ArgumentException("A category must not contain a double quote.", nameof(category));
        return Trigger.OnInactivity(id, EventTypes.Purchase, TimeSpan.FromDays(cycleDays), $"category == \"{category}\"")
            .Does("send_replenishment_reminder").Via(TriggerChannel.WeChat, TriggerChannel.Sms, TriggerChannel.Push)
            .With("category", category)
            .WithPriority(30);
    }

    /// <summary>Win-back for a customer dormant <paramref name="dormantDays"/> days since their last purchase.</summary>
    public static TriggerDefinition WinBack(string id = "win_back", int dormantDays = 90) =>
        Trigger.OnInactivity(id, EventTypes.Purchase, TimeSpan.FromDays(dormantDays))
            .Does("send_win_back_offer").Via(TriggerChannel.Sms, TriggerChannel.Email)
            .WithPriority(20);

    /// <summary>New-member welcome on sign-up.</summary>
    public static TriggerDefinition NewMemberWelcome(string id = "new_member_welcome") =>
        Trigger.OnEvent(id, EventTypes.SignUp)
            .Does("send_welcome").Via(TriggerChannel.WeChat, TriggerChannel.Sms, TriggerChannel.Email)
            .WithPriority(70);

    /// <summary>All of the above.</summary>
    public static IReadOnlyList<TriggerDefinition> All() =>
        [FirstPurchaseCoupon(), BirthdayOffer(), AbandonedCart(), ComplaintCallBack(), Replenishment(), WinBack(), NewMemberWelcome()];
}
