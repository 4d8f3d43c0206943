using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RetailTagging.EntityFrameworkCore.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AudienceGroupedIndex : RetailTaggingMigration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: Names.Name("IX_", "events_type_at_utc"),
                schema: Names.Schema,
                table: Names.Name("", "events"));

            migrationBuilder.CreateIndex(
                name: Names.Name("IX_", "events_type_customer_id_at_utc"),
                schema: Names.Schema,
                table: Names.Name("", "events"),
                columns: new[] { "type", "customer_id", "at_utc" })
                .Annotation("Npgsql:IndexInclude", new[] { "amount" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: Names.Name("IX_", "events_type_customer_id_at_utc"),
                schema: Names.Schema,
                table: Names.Name("", "events"));

            migrationBuilder.CreateIndex(
                name: Names.Name("IX_", "events_type_at_utc"),
                schema: Names.Schema,
                table: Names.Name("", "events"),
                columns: new[] { "type", "at_utc" })
                .Annotation("Npgsql:IndexInclude", new[] { "customer_id", "amount" });
        }
    }
}
