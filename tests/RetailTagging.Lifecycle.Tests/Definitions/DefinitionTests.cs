namespace RetailTagging.Lifecycle.Tests.Definitions;

public sealed class DefinitionTests
{
    [Fact]
    public void The_playbook_has_seven_definitions_with_unique_ids_that_a_scheduler_accepts()
    {
        var all = Playbooks.All();
        Assert.Equal(7, all.Count);
        Assert.Equal(all.Count, all.Select(d => d.Id).Distinct().Count());
        var options = new LifecycleOptions().Add([.. all]);
        options.Validate();
    }

    [Fact]
    public void Fluent_methods_return_changed_copies_and_reject_bad_arguments()
    {
        var basic = Trigger.OnEvent("t", "cart_add");
        var sequenced = basic.NotFollowedBy("checkout", TimeSpan.FromMinutes(30));
        Assert.Equal(TimeSpan.Zero, basic.Delay);
        Assert.Null(basic.Unless);
        Assert.Equal(TimeSpan.FromMinutes(30), sequenced.Delay);
        Assert.Equal(("checkout", TimeSpan.FromMinutes(30)), (sequenced.Unless!.Event.EventType, sequenced.Unless.Within));
        Assert.Throws<ArgumentOutOfRangeException>(() => basic.After(TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => basic.UnlessEvent("checkout"));
        Assert.Throws<ArgumentException>(() => basic.Via());
        Assert.Throws<ArgumentException>(() => Trigger.OnEvent("a|b", "cart_add"));
        Assert.Throws<ArgumentException>(() => Trigger.OnEvent("t", "purchase", when: "count(purchase) =="));
    }

    [Fact]
    public void Service_actions_leave_the_cap_and_quiet_hours()
    {
        var callBack = Playbooks.ComplaintCallBack();
        Assert.False(callBack.IsMarketing);
        Assert.False(callBack.RespectsQuietHours);
        Assert.True(Playbooks.WinBack().IsMarketing);
    }
}
