using System.Text.Json;
using RetailTagging.Engine;
using RetailTagging.Language;

namespace RetailTagging.Cli.Input;

/// <summary>
/// Maps the columns of a customer file to the customer model of one catalog: <c>customer_id</c>, the built-in
/// attributes (name, gender, birth_date, phone, email, city, registered_at, member_level) and the custom attributes
/// the catalog declares, each converted to its declared type, and <c>score.&lt;name&gt;</c> for the model scores the
/// catalog declares (<c>score churn</c>), carried to the engine by <see cref="CustomerColumnScores"/>. Column names
/// match exactly, or else ignoring case.
/// </summary>
internal sealed class CustomerRowParser
{
    public const string CustomerId = "customer_id";

    /// <summary>The prefix of score columns, and of the keys under which a customer's scores ride in its attributes.</summary>
    public const string ScorePrefix = "score.";

    private static readonly IReadOnlySet<string> BuiltIns = new HashSet<string>(StringComparer.Ordinal)
        { "name", "gender", "birth_date", "phone", "email", "city", "registered_at", "member_level" };

    private readonly TagSchema _schema;

    public CustomerRowParser(TagSchema schema) => _schema = schema ?? throw new ArgumentNullException(nameof(schema));

    /// <summary>What a column means: the id, an attribute (built-in or custom), or nothing (with why).</summary>
    public readonly record struct Column(string Header, bool IsId, AttributeDefinition? Attribute, string? IgnoredBecause);

    /// <summary>Resolves one column name.</summary>
    public Column Resolve(string header)
    {
        var name = header.Trim();
        if (name.Equals(CustomerId, StringComparison.OrdinalIgnoreCase))
            return new Column(name, true, null, null);
        if (name.StartsWith(ScorePrefix, StringComparison.OrdinalIgnoreCase))
        {
            var score = name[ScorePrefix.Length..];
            score = _schema.Scores.Contains(score) ? score : _schema.Scores.FirstOrDefault(s => s.Equals(score, StringComparison.OrdinalIgnoreCase)) ?? score;
            return _schema.Scores.Contains(score)
                ? new Column(name, false, new AttributeDefinition(ScorePrefix + score, TagType.Number), null)
                : new Column(name, false, null, $"the catalog declares no score '{score}' (declare it with 'score {score}')");
        }
        var attribute = _schema.Attributes.GetValueOrDefault(name)
            ?? _schema.Attributes.Values.FirstOrDefault(a => a.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        return attribute switch
        {
            { IsBuiltIn: false } => new Column(name, false, attribute, null),
            { IsBuiltIn: true } when BuiltIns.Contains(attribute.Name) => new Column(name, false, attribute, null),
            { Name: "age" } => new Column(name, false, null, "customer.age is derived from birth_date"),
            { Name: "id" } => new Column(name, false, null, "the customer id column is named customer_id"),
            _ => new Column(name, false, null, "the catalog declares no such customer attribute (declare it with 'attribute " + name + " : <type>')"),
        };
    }

    /// <summary>Builds a customer from one row's cells (text for CSV, JSON values for JSON Lines), or gives the reason it is invalid.</summary>
    public (Customer? Customer, string? Error) Parse(IReadOnlyList<(Column Column, Cell Cell)> cells)
    {
        string? id = null;
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (column, cell) in cells)
        {
            if (column.IsId)
            {
                if (!cell.TryGetId(out id, out var idError))
                    return (null, idError);
                continue;
            }
            if (column.Attribute is not { } attribute || cell.IsEmpty)
                continue;
            if (!cell.TryParse(attribute.Type, out var value, out var error))
                return (null, $"{attribute.Name}: {error}");
            values[attribute.Name] = value;
        }
        if (id is null)
            return (null, $"missing {CustomerId}");

        var customer = new Customer(id)
        {
            Name = values.GetValueOrDefault("name") as string,
            Gender = values.GetValueOrDefault("gender") as string,
            BirthDate = values.GetValueOrDefault("birth_date") as DateOnly?,
            Phone = values.GetValueOrDefault("phone") as string,
            Email = values.GetValueOrDefault("email") as string,
            City = values.GetValueOrDefault("city") as string,
            RegisteredAt = values.GetValueOrDefault("registered_at") as DateTimeOffset?,
            MemberLevel = values.GetValueOrDefault("member_level") as string,
            Attributes = values.Where(v => !BuiltIns.Contains(v.Key)).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal),
        };
        var reasons = EventValidator.Validate(customer, _schema);
        return reasons.Count == 0 ? (customer, null) : (null, string.Join("; ", reasons));
    }

    /// <summary>One input cell: text (CSV) or a JSON value (JSON Lines, valid while its document is).</summary>
    public readonly struct Cell
    {
        private readonly string? _text;
        private readonly JsonElement _json;
        private readonly bool _isJson;

        private Cell(string? text, JsonElement json, bool isJson) => (_text, _json, _isJson) = (text, json, isJson);

        public static Cell FromText(string? text) => new(text, default, false);

        public static Cell FromJson(JsonElement json) => new(null, json, true);

        /// <summary>An empty or blank cell, or a JSON null: the attribute is null.</summary>
        public bool IsEmpty => _isJson
            ? _json.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined || _json.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(_json.GetString())
            : string.IsNullOrWhiteSpace(_text);

        public bool TryParse(TagType type, out object? value, out string? error) => _isJson
            ? TypedValueParser.TryParse(_json, type, out value, out error)
            : TypedValueParser.TryParse(_text ?? "", type, out value, out error);

        public bool TryGetId(out string? id, out string? error)
        {
            (id, error) = (null, null);
            if (IsEmpty)
                return true; // reported as "missing customer_id"
            if (_isJson && _json.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
            {
                error = $"{CustomerId} must be a string or a number, not a JSON {_json.ValueKind.ToString().ToLowerInvariant()}";
                return false;
            }
            id = (_isJson ? _json.ValueKind == JsonValueKind.String ? _json.GetString() : _json.GetRawText() : _text)!.Trim();
            return true;
        }
    }
}
