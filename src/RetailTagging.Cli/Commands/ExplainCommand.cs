using System.CommandLine;
using System.Globalization;
using RetailTagging.Catalog;
using RetailTagging.Cli.Input;
using RetailTagging.Engine;

namespace RetailTagging.Cli.Commands;

/// <summary>
/// <c>retail-tags explain --rules ... --customers ... --events ... --customer &lt;id&gt; [--tag &lt;name&gt;] [--as-of ...]</c>:
/// why one customer does or does not hold a tag, or every tag of the catalog (held ones first), with the value of
/// every sub-expression and aggregate that decided it. Exit 1 for an unknown customer or tag, or bad input.
/// </summary>
internal static class ExplainCommand
{
    public static Command Create(TimeProvider? time = null)
    {
        var inputs = new TaggingInputs();
        var customer = new Option<string>("--customer") { Description = "The customer's id (customer_id).", Required = true };
        var tag = new Option<string?>("--tag", "-t") { Description = "The tag to explain. Default: every tag of the catalog, held ones first." };
        var command = new Command("explain", "Explain why a customer does or does not hold a tag, with the value of every sub-expression.");
        inputs.AddTo(command);
        command.Options.Add(customer);
        command.Options.Add(tag);
        command.SetAction(parseResult =>
        {
            var config = parseResult.InvocationConfiguration;
            var request = new Request(parseResult.GetValue(inputs.Rules) ?? [], parseResult.GetValue(inputs.Customers)!, parseResult.GetValue(inputs.Events)!,
                parseResult.GetValue(inputs.AsOf), parseResult.GetValue(inputs.Strict), parseResult.GetValue(customer)!.Trim(), parseResult.GetValue(tag)?.Trim());
            try
            {
                return Run(request, config.Output, config.Error, time ?? TimeProvider.System);
            }
            catch (Exception ex) when (TaggingInputs.IsInputError(ex))
            {
                config.Error.WriteLine($"retail-tags explain: error: {ex.Message}");
                return 1;
            }
        });
        return command;
    }

    private sealed record Request(FileInfo[] Rules, FileInfo Customers, FileInfo Events, string? AsOf, bool Strict, string CustomerId, string? Tag);

    private static int Run(Request request, TextWriter output, TextWriter error, TimeProvider time)
    {
        TaggingInputs.RequireFile(request.Customers, "--customers");
        TaggingInputs.RequireFile(request.Events, "--events");
        var catalog = TaggingInputs.CompileCatalog(request.Rules, error);
        if (catalog is null)
            return 1;
        if (request.Tag is { } name && catalog.FindTag(name) is null)
        {
            error.WriteLine($"retail-tags explain: error: the catalog has no tag '{name}'{NameHint.DidYouMean(name, catalog.Tags.Select(t => t.Name))}");
            return 1;
        }
        var asOf = TaggingInputs.ResolveAsOf(request.AsOf, catalog.TimeZone, time);

        // Every row is still read and checked (a bad row is reported wherever it is); only this customer is kept.
        var problems = new InputProblemLog(error, request.Strict);
        var customerSource = request.Customers.Name;
        Customer? customer = null;
        foreach (var record in new CustomerFileReader(catalog.Schema, problems.Warn).Read(request.Customers.FullName))
        {
            if (record.Customer is null)
                problems.Reject(customerSource, record.Line, record.Reason!);
            else if (record.Customer.Id == request.CustomerId)
                customer = record.Customer;
            if (problems.Failed)
                return 1;
        }
        if (customer is null)
        {
            var rejected = problems.RejectedIn(customerSource);
            error.WriteLine($"retail-tags explain: error: customer '{request.CustomerId}' is not in {customerSource}" +
                (rejected > 0 ? $" (or its row is among the {rejected} rejected row(s) listed above)" : ""));
            return 1;
        }
        var index = CustomerEventIndex.Load(request.Events.FullName, catalog.Schema, asOf, problems, id => id == request.CustomerId);
        if (problems.Failed)
            return 1;
        var events = index.Take(request.CustomerId);

        var engine = new TagEngine(catalog, scoreProviders: catalog.Schema.Scores.Count > 0 ? [new CustomerColumnScores()] : null);
        var held = engine.Evaluate(customer, events, asOf).Tags;
        var tags = request.Tag is { } one
            ? [catalog.FindTag(one)!]
            : catalog.Tags.OrderBy(t => held.ContainsKey(t.Name) ? 0 : 1).ToList(); // stable: catalog order within each group
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Customer {customer.Id} as of {TaggingInputs.FormatInstant(asOf)} (business time zone {catalog.TimeZone.Id}): {events.Count} event(s) up to then; holds {held.Count} of {catalog.Tags.Count} tag(s)."));
        if (index.EventsAfterAsOf > 0)
            output.WriteLine($"{index.EventsAfterAsOf} later event(s) of this customer are not used.");
        foreach (var definition in tags)
        {
            output.WriteLine();
            output.WriteLine(Header(definition));
            output.WriteLine("  = " + definition.Expression);
            var explanation = engine.Explain(customer, events, definition.Name, asOf);
            output.WriteLine(explanation.Summary);
            output.Write(explanation.Rule.ToText());
        }
        return 0;
    }

    // tag value_tier "Value tier" : model, value  ttl 72h  (version 1a2b...)
    private static string Header(TagDefinition tag)
    {
        var text = "tag " + tag.Name;
        if (tag.DisplayName is { } display)
            text += $" \"{display}\"";
        text += " : " + tag.Kind.ToString().ToLowerInvariant() + (tag.Dimension is { } dimension ? ", " + dimension : "");
        if (tag.TimeToLive is { } ttl)
            text += "  ttl " + Language.Value.FromDuration(ttl);
        if (tag.Owner is { } owner)
            text += $"  owner \"{owner}\"";
        return text + $"  (version {tag.Version})";
    }
}
