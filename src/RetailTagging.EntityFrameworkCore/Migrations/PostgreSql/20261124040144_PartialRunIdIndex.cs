using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RetailTagging.EntityFrameworkCore.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class PartialRunIdIndex : RetailTaggingMigration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: Names.Name("IX_", "tag_history_run_id"),
                schema: Names.Schema,
                table: Names.Name("", "tag_history"));

            migrationBuilder.CreateIndex(
                name: Names.Name("IX_", "tag_history_run_id"),
                schema: Names.Schema,
                table: Names.Name("", "tag_history"),
                column: "run_id",
                filter: "\"run_id\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: Names.Name("IX_", "tag_history_run_id"),
                schema: Names.Schema,
                table: Names.Name("", "tag_history"));

            migrationBuilder.CreateIndex(
                name: Names.Name("IX_", "tag_history_run_id"),
                schema: Names.Schema,
                table: Names.Name("", "tag_history"),
                column: "run_id");
        }
    }
}
