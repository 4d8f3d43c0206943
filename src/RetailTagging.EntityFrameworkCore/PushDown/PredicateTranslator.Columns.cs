using System.Linq.Expressions;
using RetailTagging.EntityFrameworkCore.Entities;
using RetailTagging.Language;
using RetailTagging.Language.Ast;

namespace RetailTagging.EntityFrameworkCore.PushDown;

/// <summary>Customer attributes and event fields mapped to columns.</summary>
internal sealed partial class PredicateTranslator
{
    private SqlValue? Attribute(AttributeDefinition attribute, Expr syntax)
    {
        var name = "customer." + attribute.Name;
        if (!attribute.IsBuiltIn)
            return Problem<SqlValue>(syntax, name, "custom attributes are stored as JSON (CustomerRow.AttributesJson), which is not translated; only built-in attributes are columns");
        var customer = _scope.Customer;
        return attribute.Name switch
        {
            "id" => new SqlValue(Expression.Property(customer, nameof(CustomerRow.Id)), TypeKind.String, CanBeNull: false),
            "gender" => Column(customer, nameof(CustomerRow.Gender), TypeKind.String),
            "city" => Column(customer, nameof(CustomerRow.City), TypeKind.String),
            "member_level" => Column(customer, nameof(CustomerRow.MemberLevel), TypeKind.String),
            "birth_date" => Column(customer, nameof(CustomerRow.BirthDate), TypeKind.Date),
            "registered_at" => Column(customer, nameof(CustomerRow.RegisteredAtUtc), TypeKind.Instant),
            "age" => Age(Column(customer, nameof(CustomerRow.BirthDate), TypeKind.Date)),
            "name" or "phone" or "email" => Problem<SqlValue>(syntax, name,
                "it is stored encrypted (AES-GCM), so SQL cannot read it; find customers by its keyed hash instead"),
            _ => Problem<SqlValue>(syntax, name, "this built-in attribute has no column"),
        };
    }

    private static SqlValue Column(Expression row, string property, TypeKind kind)
    {
        var column = Expression.Property(row, property);
        var clr = ConstantFolder.ClrType(kind);
        return new SqlValue(column.Type == clr ? column : Expression.Convert(column, clr), kind, CanBeNull: !column.Type.IsValueType || Nullable.GetUnderlyingType(column.Type) is not null);
    }

    private SqlValue? EventField(ParameterExpression row, string eventType, PropertyDefinition property, Expr syntax)
    {
        if (!property.IsBuiltIn)
            return Problem<SqlValue>(syntax, $"{eventType}.{property.Name}",
                "custom event properties are stored as JSON (EventRow.PropertiesJson), which is not translated; only built-in event fields are columns");
        return property.Name switch
        {
            "id" => new SqlValue(Expression.Property(row, nameof(EventRow.Id)), TypeKind.String, CanBeNull: false),
            "type" => new SqlValue(Expression.Property(row, nameof(EventRow.Type)), TypeKind.String, CanBeNull: false),
            "at" => Column(row, nameof(EventRow.AtUtc), TypeKind.Instant) with { CanBeNull = false },
            "channel" => Column(row, nameof(EventRow.Channel), TypeKind.String),
            "store" => Column(row, nameof(EventRow.Store), TypeKind.String),
            "amount" => Column(row, nameof(EventRow.Amount), TypeKind.Number),
            "sku" => Column(row, nameof(EventRow.Sku), TypeKind.String),
            "category" => Column(row, nameof(EventRow.Category), TypeKind.String),
            "brand" => Column(row, nameof(EventRow.Brand), TypeKind.String),
            "quantity" => Column(row, nameof(EventRow.Quantity), TypeKind.Number),
            _ => Problem<SqlValue>(syntax, property.Name, "this built-in event field has no column"),
        };
    }

    /// <summary>
    /// Completed years from a date to the as-of date, as the language counts them: null for a
    /// birth date after the as-of date, and a 29 February birthday reached on 28 February in
    /// non-leap years (done here by treating an as-of 28 February of a non-leap year as day 29).
    /// </summary>
    private SqlValue Age(SqlValue birthDate)
    {
        var today = _scope.AsOfDate;
        var todayDay = today is { Month: 2, Day: 28 } && !DateTime.IsLeapYear(today.Year) ? 29 : today.Day;
        var date = Expression.Property(birthDate.Expression, nameof(Nullable<DateOnly>.Value));
        var year = Expression.Property(date, nameof(DateOnly.Year));
        var month = Expression.Property(date, nameof(DateOnly.Month));
        var day = Expression.Property(date, nameof(DateOnly.Day));
        var asOfMonth = QueryParameter<int>.Of(today.Month);
        var notYet = Expression.OrElse(Expression.GreaterThan(month, asOfMonth),
            Expression.AndAlso(Expression.Equal(month, asOfMonth), Expression.GreaterThan(day, QueryParameter<int>.Of(todayDay))));
        var years = Expression.Subtract(Expression.Subtract(QueryParameter<int>.Of(today.Year), year),
            Expression.Condition(notYet, Expression.Constant(1), Expression.Constant(0)));
        var missing = Expression.GreaterThan(birthDate.Expression, QueryParameter<DateOnly?>.Of(today));
        if (birthDate.NotNullTest is { } notNull) missing = Expression.OrElse(SqlCondition.Not(notNull), missing);
        return new SqlValue(Expression.Condition(missing, Expression.Constant(null, typeof(int?)), Expression.Convert(years, typeof(int?))),
            TypeKind.Number, CanBeNull: true);
    }
}
