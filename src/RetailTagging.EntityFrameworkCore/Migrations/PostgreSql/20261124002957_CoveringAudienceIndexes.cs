using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RetailTagging.EntityFrameworkCore.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class CoveringAudienceIndexes : RetailTaggingMigration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: Names.Name("IX_", "events_customer_id_at_utc"),
                schema: Names.Schema,
                table: Names.Name("", "events"));

            migrationBuilder.DropIndex(
                name: Names.Name("IX_", "events_type_at_utc"),
                schema: Names.Schema,
                table: Names.Name("", "events"));

            migrationBuilder.CreateIndex(
                name: Names.Name("IX_", "tag_assignments_yes"),
                schema: Names.Schema,
                table: Names.Name("", "tag_assignments"),
                columns: new[] { "tag", "customer_id" },
                filter: "\"value\" = 'true'")
                .Annotation("Npgsql:IndexInclude", new[] { "expires_at_utc" });

            migrationBuilder.CreateIndex(
                name: Names.Name("IX_", "events_customer_id_at_utc"),
                schema: Names.Schema,
                table: Names.Name("", "events"),
                columns: new[] { "customer_id", "at_utc" })
                .Annotation("Npgsql:IndexInclude", new[] { "type", "amount" });

            migrationBuilder.CreateIndex(
                name: Names.Name("IX_", "events_type_at_utc"),
                schema: Names.Schema,
                table: Names.Name("", "events"),
                columns: new[] { "type", "at_utc" })
                .Annotation("Npgsql:IndexInclude", new[] { "customer_id", "amount" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: Names.Name("IX_", "tag_assignments_yes"),
                schema: Names.Schema,
                table: Names.Name("", "tag_assignments"));

            migrationBuilder.DropIndex(
                name: Names.Name("IX_", "events_customer_id_at_utc"),
                schema: Names.Schema,
                table: Names.Name("", "events"));

            migrationBuilder.DropIndex(
                name: Names.Name("IX_", "events_type_at_utc"),
                schema: Names.Schema,
                table: Names.Name("", "events"));

            migrationBuilder.CreateIndex(
                name: Names.Name("IX_", "events_customer_id_at_utc"),
                schema: Names.Schema,
                table: Names.Name("", "events"),
                columns: new[] { "customer_id", "at_utc" });

            migrationBuilder.CreateIndex(
                name: Names.Name("IX_", "events_type_at_utc"),
                schema: Names.Schema,
                table: Names.Name("", "events"),
                columns: new[] { "type", "at_utc" });
        }
    }
}
