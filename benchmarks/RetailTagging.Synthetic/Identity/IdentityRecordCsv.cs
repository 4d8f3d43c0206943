using System.Text;

namespace RetailTagging.Synthetic.Identity;

/// <summary>Writes labelled records in the CSV layout <c>retail-tags identity</c> reads (plus a <c>person_id</c> label column).</summary>
public static class IdentityRecordCsv
{
    /// <summary>The identifier and attribute columns, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["phone", "email", "member_id", "pos_card", "device_id", "wechat_openid", "wechat_unionid", "name", "gender", "birth_date", "city"];

    /// <summary>Writes a header and one row per record (first value per column).</summary>
    public static void Write(TextWriter writer, IEnumerable<LabelledIdentityRecord> records, bool includeLabel = true)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(records);
        writer.WriteLine(string.Join(',', new[] { "record_id", "source", "created_at", "updated_at" }.Concat(Columns).Concat(includeLabel ? ["person_id"] : [])));
        foreach (var r in records)
        {
            var cells = new List<string?> { r.RecordId, r.Source, r.CreatedAt.ToString("O"), r.UpdatedAt.ToString("O") };
            foreach (var column in Columns)
            {
                var id = r.Identifiers.FirstOrDefault(i => i.Key == column).Value;
                cells.Add(id ?? r.Attributes.GetValueOrDefault(column));
            }
            if (includeLabel)
            {
                cells.Add(r.PersonId);
            }
            writer.WriteLine(string.Join(',', cells.Select(Escape)));
        }
    }

    private static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 || value != value.Trim()
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }
}
