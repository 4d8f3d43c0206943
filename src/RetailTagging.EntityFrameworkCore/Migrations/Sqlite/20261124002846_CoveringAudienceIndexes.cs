using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RetailTagging.EntityFrameworkCore.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CoveringAudienceIndexes : RetailTaggingMigration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: Names.Name("IX_", "tag_assignments_yes"),
                table: Names.Name("", "tag_assignments"),
                columns: new[] { "tag", "customer_id" },
                filter: "\"value\" = 'true'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: Names.Name("IX_", "tag_assignments_yes"),
                table: Names.Name("", "tag_assignments"));
        }
    }
}
