namespace RetailTagging.Synthetic.Retail;

/// <summary>A product category with its price level and fictional brands.</summary>
/// <param name="Name">The category as events carry it (<c>category</c>).</param>
/// <param name="Code">Short code used in SKUs.</param>
/// <param name="Popularity">Relative share of first-choice preference.</param>
/// <param name="PriceFactor">Typical basket value relative to the customer's own level.</param>
/// <param name="Brands">Brand names, the first one premium.</param>
internal sealed record CategoryInfo(string Name, string Code, double Popularity, double PriceFactor, string[] Brands);

/// <summary>A city with its tier and share of the member base.</summary>
internal sealed record CityInfo(string Name, string StoreCode, int Tier, double Weight);

/// <summary>
/// The retailer's world: categories, brands, cities and channels. A department-store and
/// mother-and-baby chain, so maternity, baby and household categories are prominent.
/// </summary>
internal static class RetailReferenceData
{
    public static readonly string[] Channels = ["pos", "online", "mini_program"];

    public static readonly CategoryInfo[] Categories =
    [
        new("maternity", "MAT", 6, 1.1, ["Mama Bloom", "Cradle & Co", "Nine Moons"]),
        new("baby_food", "BBF", 7, 0.8, ["Little Panda", "GreenSprout", "Milky Way Kids", "Sunny Oat"]),
        new("diapers", "DIA", 6, 0.7, ["SoftNest", "DryDream", "Cloud Bottom"]),
        new("toys", "TOY", 6, 0.9, ["BrickTown", "Wonder Owl", "Tiny Rocket"]),
        new("kids_apparel", "KAP", 5, 0.9, ["Pebble", "Little Kite", "Mini Mode"]),
        new("womens_apparel", "WAP", 9, 1.4, ["Lotus Lane", "Silk Road", "Urban Orchid", "Jade Thread"]),
        new("mens_apparel", "MAP", 6, 1.3, ["Northpeak", "Harbor Grey", "Iron Pine"]),
        new("beauty", "BEA", 9, 1.2, ["Pearl Dew", "Camellia Lab", "Rose Theory", "Velvet Moon"]),
        new("personal_care", "PCR", 7, 0.5, ["Clearwell", "Bamboo Daily", "Fresh Leaf"]),
        new("fresh_food", "FRF", 10, 0.4, ["Farm Morning", "Sea Breeze", "Orchard 88"]),
        new("snacks", "SNK", 8, 0.3, ["Crunch King", "Golden Bite", "Happy Seeds"]),
        new("beverages", "BEV", 7, 0.35, ["Spring Valley", "Tea Garden", "Bubble Lab"]),
        new("home", "HOM", 6, 1.0, ["Quiet Home", "Linen Loft", "Warm Hearth"]),
        new("electronics", "ELE", 5, 3.0, ["Zenbyte", "Aurora Tech", "Pixel Field"]),
        new("appliances", "APL", 3, 4.0, ["Kitchen Star", "AirPure", "Coolbreeze"]),
        new("sports", "SPO", 4, 1.3, ["Stride", "Peak Motion", "Blue Lane"]),
        new("books", "BOK", 3, 0.4, ["Inkstone Press", "Lantern Books"]),
        new("pet", "PET", 4, 0.6, ["Happy Paw", "Whisker Co", "Bark Bowl"]),
        new("luxury", "LUX", 1, 8.0, ["Maison Aurelle", "Celestine"]),
    ];

    public static readonly CityInfo[] Cities =
    [
        new("Shanghai", "SH", 1, 15), new("Beijing", "BJ", 1, 12), new("Guangzhou", "GZ", 1, 9), new("Shenzhen", "SZ", 1, 9),
        new("Chengdu", "CD", 2, 6), new("Hangzhou", "HZ", 2, 6), new("Wuhan", "WH", 2, 5), new("Nanjing", "NJ", 2, 5),
        new("Chongqing", "CQ", 2, 4), new("Xi'an", "XA", 2, 3), new("Suzhou", "SU", 2, 4), new("Tianjin", "TJ", 2, 3),
        new("Changsha", "CS", 2, 3), new("Zhengzhou", "ZZ", 2, 2), new("Qingdao", "QD", 2, 2), new("Ningbo", "NB", 3, 2),
        new("Xiamen", "XM", 3, 2), new("Hefei", "HF", 3, 2), new("Fuzhou", "FZ", 3, 1.5), new("Kunming", "KM", 3, 1.5),
        new("Dalian", "DL", 3, 1.5), new("Jinan", "JN", 3, 1.5), new("Harbin", "HB", 3, 1), new("Nanning", "NN", 3, 1),
    ];

    public static readonly string[] MobilePrefixes =
        ["130", "131", "132", "135", "136", "137", "138", "139", "150", "151", "152", "157", "158", "159", "177", "180", "181", "186", "187", "188", "189", "199"];

    public static readonly string[] MailDomains = ["qq.com", "163.com", "126.com", "gmail.com", "outlook.com", "sina.com", "foxmail.com"];

    public static readonly string[] ComplaintReasons = ["product_quality", "late_delivery", "wrong_item", "staff_attitude", "price_dispute", "refund_delay"];

    public static readonly string[] TicketTopics = ["delivery", "return", "invoice", "membership", "product_question", "payment"];

    public static readonly string[] PaymentMethods = ["wechat_pay", "alipay", "card", "cash"];

    public static readonly string[] CouponCampaigns = ["WELCOME20", "BIRTHDAY50", "DOUBLE11", "SPRING15", "BABYWEEK", "VIPDAY", "WINBACK30"];

    public static readonly double[] CategoryPopularity = [.. Categories.Select(c => c.Popularity)];

    public static readonly double[] CityWeights = [.. Cities.Select(c => c.Weight)];
}
