using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RetailTagging.EntityFrameworkCore.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TriggerPolicyMemory : RetailTaggingMigration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: Names.Name("", "trigger_decisions"),
                columns: table => new
                {
                    key_hash = table.Column<byte[]>(type: "BLOB", nullable: false),
                    expires_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey(Names.Name("PK_", "trigger_decisions"), x => x.key_hash);
                });

            migrationBuilder.CreateTable(
                name: Names.Name("", "trigger_deliveries"),
                columns: table => new
                {
                    customer_id = table.Column<string>(type: "TEXT", nullable: false),
                    trigger_id = table.Column<string>(type: "TEXT", nullable: false),
                    delivered_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey(Names.Name("PK_", "trigger_deliveries"), x => new { x.customer_id, x.trigger_id });
                });

            migrationBuilder.CreateTable(
                name: Names.Name("", "trigger_touches"),
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    customer_id = table.Column<string>(type: "TEXT", nullable: false),
                    at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey(Names.Name("PK_", "trigger_touches"), x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: Names.Name("IX_", "trigger_decisions_expires_at_utc"),
                table: Names.Name("", "trigger_decisions"),
                column: "expires_at_utc");

            migrationBuilder.CreateIndex(
                name: Names.Name("IX_", "trigger_touches_at_utc"),
                table: Names.Name("", "trigger_touches"),
                column: "at_utc");

            migrationBuilder.CreateIndex(
                name: Names.Name("IX_", "trigger_touches_customer_id_at_utc"),
                table: Names.Name("", "trigger_touches"),
                columns: new[] { "customer_id", "at_utc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: Names.Name("", "trigger_decisions"));

            migrationBuilder.DropTable(
                name: Names.Name("", "trigger_deliveries"));

            migrationBuilder.DropTable(
                name: Names.Name("", "trigger_touches"));
        }
    }
}
