using System.Globalization;

namespace RetailTagging.Synthetic.Retail;

/// <summary>Interned SKU and store codes, so a history of thousands of events shares a few thousand strings.</summary>
internal static class SkuCodes
{
    public const int PerBrand = 40;

    private static readonly string[][][] Codes =
        [.. RetailReferenceData.Categories.Select(c => c.Brands.Select((_, b) =>
            Enumerable.Range(0, PerBrand).Select(n => string.Create(CultureInfo.InvariantCulture, $"{c.Code}-{b + 1}{n:D3}")).ToArray()).ToArray())];

    public static string Get(int category, int brand, int item) => Codes[category][brand][item];
}

/// <summary>Store codes such as <c>SH003</c>: city code and store number.</summary>
internal static class StoreCodes
{
    public const int MaxPerCity = 12;

    private static readonly string[][] Codes =
        [.. RetailReferenceData.Cities.Select(c => Enumerable.Range(1, MaxPerCity).Select(n => string.Create(CultureInfo.InvariantCulture, $"{c.StoreCode}{n:D3}")).ToArray())];

    public static string Get(int city, int number) => Codes[city][number - 1];

    /// <summary>Stores in a city of the given tier.</summary>
    public static int StoresIn(int tier) => tier switch { 1 => MaxPerCity, 2 => 6, _ => 3 };
}
