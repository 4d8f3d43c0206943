namespace RetailTagging;

/// <summary>The standard retail event types every catalog knows.</summary>
public static class EventTypes
{
    /// <summary>A completed order.</summary>
    public const string Purchase = "purchase";
    /// <summary>A refund or return; its amount is positive money given back.</summary>
    public const string Refund = "refund";
    /// <summary>A product added to a cart.</summary>
    public const string CartAdd = "cart_add";
    /// <summary>A checkout started or completed online.</summary>
    public const string Checkout = "checkout";
    /// <summary>A page or product view.</summary>
    public const string PageView = "page_view";
    /// <summary>A coupon redeemed.</summary>
    public const string CouponRedeem = "coupon_redeem";
    /// <summary>A complaint.</summary>
    public const string Complaint = "complaint";
    /// <summary>A service-desk ticket.</summary>
    public const string ServiceTicket = "service_ticket";
    /// <summary>A sign-up (membership registration).</summary>
    public const string SignUp = "sign_up";

    /// <summary>All standard types.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Purchase, Refund, CartAdd, Checkout, PageView, CouponRedeem, Complaint, ServiceTicket, SignUp];
}
