using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using RetailTagging.EntityFrameworkCore.Entities;

namespace RetailTagging.EntityFrameworkCore;

/// <summary>Table names (prefix + schema), snake_case columns and UTC date-times for the RetailTagging entities.</summary>
internal sealed class ModelNaming(RetailTaggingModelOptions options)
{
    // Rows read back from SQLite (and from any raw SQL) carry Kind=Unspecified; every stored instant is UTC.
    private static readonly ValueConverter<DateTime, DateTime> Utc = new(
        v => v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    internal static readonly Type[] EntityTypes =
    [
        typeof(CustomerRow), typeof(SourceRecordRow), typeof(SourceIdentifierRow), typeof(IdentityChangeRow), typeof(IdentityDecisionRow),
        typeof(EventRow), typeof(TagDefinitionRow), typeof(TagSetRow), typeof(TagAssignmentRow), typeof(TagHistoryRow), typeof(ManualDecisionRow),
        typeof(ScoreSnapshotRow), typeof(TriggerTimerRow), typeof(TriggerDecisionRow), typeof(TriggerDeliveryRow), typeof(TriggerTouchRow), typeof(OutboxMessageRow), typeof(ConsentRow), typeof(AuditLogRow), typeof(BatchCheckpointRow),
    ];

    public void Table<T>(EntityTypeBuilder<T> entity, string name) where T : class =>
        entity.ToTable(options.TablePrefix + name, options.Schema);

    /// <summary>A database object name: kind (<c>IX_</c>, <c>PK_</c>, ...) + prefix + name, as EF Core names them by default.</summary>
    public string Name(string kind, string name) => kind + options.TablePrefix + name;

    public void ApplyColumnNamesAndUtc(ModelBuilder modelBuilder)
    {
        foreach (var type in EntityTypes)
        {
            var entity = modelBuilder.Entity(type);
            foreach (var property in entity.Metadata.GetDeclaredProperties())
            {
                entity.Property(property.Name).HasColumnName(SnakeCase(property.Name));
                if (property.ClrType == typeof(DateTime) || property.ClrType == typeof(DateTime?))
                    entity.Property(property.Name).HasConversion(Utc);
            }
        }
    }

    internal static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1])))) builder.Append('_');
                builder.Append(char.ToLowerInvariant(c));
            }
            else builder.Append(c);
        }
        return builder.ToString();
    }
}
