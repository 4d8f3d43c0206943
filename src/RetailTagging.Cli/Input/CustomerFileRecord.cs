namespace RetailTagging.Cli.Input;

/// <summary>One row of a customer file: a customer, or the reason the row was rejected.</summary>
internal sealed record CustomerFileRecord
{
    private CustomerFileRecord(long line, Customer? customer, string? reason) => (Line, Customer, Reason) = (line, customer, reason);

    /// <summary>1-based line number (for CSV, the line the row starts on).</summary>
    public long Line { get; }

    /// <summary>The customer, when the row is valid.</summary>
    public Customer? Customer { get; }

    /// <summary>Why the row was rejected, when it is invalid.</summary>
    public string? Reason { get; }

    public static CustomerFileRecord Accepted(long line, Customer customer) => new(line, customer, null);

    public static CustomerFileRecord Rejected(long line, string reason) => new(line, null, reason);
}

/// <summary>A customer file that cannot be read at all: missing, unknown extension, no <c>customer_id</c> column.</summary>
internal sealed class CustomerFileException(string message) : Exception(message);
