using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RetailTagging.EntityFrameworkCore.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialCreate : RetailTaggingMigration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: Names.Name("", "audit_log"),
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    actor = table.Column<string>(type: "TEXT", nullable: false),
                    action = table.Column<string>(type: "TEXT", nullable: false),
                    customer_id = table.Column<string>(type: "TEXT", nullable: true),
                    details = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey(Names.Name("PK_", "audit_log"), x => x.id);
                });

            migrationBuilder.CreateTable(
                name: Names.Name("", "batch_checkpoints"),
                columns: table => new
                {
                    run_id = table.Column<string>(type: "TEXT", nullable: false),
                    as_of_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    last_customer_id = table.Column<string>(type: "TEXT", nullable: true),
                    customers_processed = table.Column<long>(type: "INTEGER", nullable: false),
                    changes_written = table.Column<long>(type: "INTEGER", nullable: false),
                    started_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    completed_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey(Names.Name("PK_", "batch_checkpoints"), x => x.run_id);
                });

            migrationBuilder.CreateTable(
                name: Names.Name("", "consents"),
                columns: table => new
                {
                    customer_id = table.Column<string>(type: "TEXT", nullable: false),
                    channel = table.Column<string>(type: "TEXT", nullable: false),
                    opted_out = table.Column<bool>(type: "INTEGER", nullable: false),
                    at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey(Names.Name("PK_", "consents"), x => new { x.customer_id, x.channel });
                });

            migrationBuilder.CreateTable(
                name: Names.Name("", "customers"),
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    name_cipher = table.Column<byte[]>(type: "BLOB", nullable: true),
                    phone_cipher = table.Column<byte[]>(type: "BLOB", nullable: true),
                    phone_hash = table.Column<byte[]>(type: "BLOB", nullable: true),
                    email_cipher = table.Column<byte[]>(type: "BLOB", nullable: true),
                    email_hash = table.Column<byte[]>(type: "BLOB", nullable: true),
                    gender = table.Column<string>(type: "TEXT", nullable: true),
                    birth_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    city = table.Column<string>(type: "TEXT", nullable: true),
                    registered_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    member_level = table.Column<string>(type: "TEXT", nullable: true),
                    attributes_json = table.Column<string>(type: "TEXT", nullable: true),
                    updated_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey(Names.Name("PK_", "customers"), x => x.id);
                });

            migrationBuilder.CreateTable(
                name: Names.Name("", "events"),
                columns: table => new
                {
                    sequence = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    id = table.Column<string>(type: "TEXT", nullable: true),
                    customer_id = table.Column<string>(type: "TEXT", nullable: false),
                    type = table.Column<string>(type: "TEXT", nullable: false),
                    at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    channel = table.Column<string>(type: "TEXT", nullable: true),
                    store = table.Column<string>(type: "TEXT", nullable: true),
                    amount = table.Column<decimal>(type: "TEXT", nullable: true),
                    sku = table.Column<string>(type: "TEXT", nullable: true),
                    category = table.Column<string>(type: "TEXT", nullable: true),
                    brand = table.Column<string>(type: "TEXT", nullable: true),
                    quantity = table.Column<decimal>(type: "TEXT", nullable: true),
                    properties_json = table.Column<string>(type: "TEXT", nullable: true),
                    stored_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey(Names.Name("PK_", "events"), x => x.sequence);
                });

            migrationBuilder.CreateTable(
                name: Names.Name("", "identity_changes"),
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", nullable: false),
                    before_json = table.Column<string>(type: "TEXT", nullable: false),
                    after_json = table.Column<string>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey(Names.Name("PK_", "identity_changes"), x => x.id);
                });

            migrationBuilder.CreateTable(
                name: Names.Name("", "identity_decisions"),
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", nullable: false),
                    left_json = table.Column<string>(type: "TEXT", nullable: false),
                    right_json = table.Column<string>(type: "TEXT", nullable: false),
                    decided_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    decided_by = table.Column<string>(type: "TEXT", nullable: true),
                    reason = table.Column<string>(type: "TEXT", nullable: true),
                    review_item_id = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey(Names.Name("PK_", "identity_decisions"), x => x.id);
                });

            migrationBuilder.CreateTable(
                name: Names.Name("", "manual_decisions"),
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    customer_id = table.Column<string>(type: "TEXT", nullable: false),
                    tag = table.Column<string>(type: "TEXT", nullable: false),
                    action = table.Column<string>(type: "TEXT", nullable: false),
                    value = table.Column<string>(type: "TEXT", nullable: false),
                    decided_by = table.Column<string>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", nullable: false),
                    decided_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", nullable: false),
                    reviewed_by = table.Column<string>(type: "TEXT", nullable: true),
                    effective_from_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    effective_until_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey(Names.Name("PK_", "manual_decisions"), x => x.id);
                });

            migrationBuilder.CreateTable(
                name: Names.Name("", "outbox_messages"),
                columns: table => new
                {
                    idempotency_key = table.Column<string>(type: "TEXT", nullable: false),
                    trigger_id = table.Column<string>(type: "TEXT", nullable: false),
                    customer_id = table.Column<string>(type: "TEXT", nullable: false),
                    action = table.Column<string>(type: "TEXT", nullable: false),
                    channel = table.Column<string>(type: "TEXT", nullable: false),
                    priority = table.Column<int>(type: "INTEGER", nullable: false),
                    caused_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    properties_json = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    next_attempt_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", nullable: true),
                    updated_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey(Names.Name("PK_", "outbox_messages"), x => x.idempotency_key);
                });

            migrationBuilder.CreateTable(
                name: Names.Name("", "score_snapshots"),
                columns: table => new
                {
                    customer_id = table.Column<string>(type: "TEXT", nullable: false),
                    score = table.Column<string>(type: "TEXT", nullable: false),
                    as_of_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    value = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey(Names.Name("PK_", "score_snapshots"), x => new { x.customer_id, x.score, x.as_of_utc });
                });

            migrationBuilder.CreateTable(
                name: Names.Name("", "source_identifiers"),
                columns: table => new
                {
                    record_id = table.Column<string>(type: "TEXT", nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    type = table.Column<string>(type: "TEXT", nullable: false),
                    value_hash = table.Column<byte[]>(type: "BLOB", nullable: false),
                    value_cipher = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey(Names.Name("PK_", "source_identifiers"), x => new { x.record_id, x.position });
                });

            migrationBuilder.CreateTable(
                name: Names.Name("", "source_records"),
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    source = table.Column<string>(type: "TEXT", nullable: false),
                    priority = table.Column<int>(type: "INTEGER", nullable: true),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    updated_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    attributes_cipher = table.Column<byte[]>(type: "BLOB", nullable: true),
                    events_json = table.Column<string>(type: "TEXT", nullable: true),
                    customer_id = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey(Names.Name("PK_", "source_records"), x => x.id);
                });

            migrationBuilder.CreateTable(
                name: Names.Name("", "tag_assignments"),
                columns: table => new
                {
                    customer_id = table.Column<string>(type: "TEXT", nullable: false),
                    tag = table.Column<string>(type: "TEXT", nullable: false),
                    value = table.Column<string>(type: "TEXT", nullable: false),
                    assigned_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    expires_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    source = table.Column<string>(type: "TEXT", nullable: false),
                    rule_version = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey(Names.Name("PK_", "tag_assignments"), x => new { x.customer_id, x.tag });
                });

            migrationBuilder.CreateTable(
                name: Names.Name("", "tag_definitions"),
                columns: table => new
                {
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<string>(type: "TEXT", nullable: false),
                    dimension = table.Column<string>(type: "TEXT", nullable: true),
                    expression = table.Column<string>(type: "TEXT", nullable: false),
                    description = table.Column<string>(type: "TEXT", nullable: true),
                    ttl = table.Column<TimeSpan>(type: "TEXT", nullable: true),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey(Names.Name("PK_", "tag_definitions"), x => new { x.name, x.version });
                });

            migrationBuilder.CreateTable(
                name: Names.Name("", "tag_history"),
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    customer_id = table.Column<string>(type: "TEXT", nullable: false),
                    tag = table.Column<string>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", nullable: false),
                    old_value = table.Column<string>(type: "TEXT", nullable: true),
                    new_value = table.Column<string>(type: "TEXT", nullable: true),
                    at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    source = table.Column<string>(type: "TEXT", nullable: false),
                    rule_version = table.Column<string>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", nullable: false),
                    run_id = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey(Names.Name("PK_", "tag_history"), x => x.id);
                });

            migrationBuilder.CreateTable(
                name: Names.Name("", "tag_sets"),
                columns: table => new
                {
                    customer_id = table.Column<string>(type: "TEXT", nullable: false),
                    as_of_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey(Names.Name("PK_", "tag_sets"), x => x.customer_id);
                });

            migrationBuilder.CreateTable(
                name: Names.Name("", "trigger_timers"),
                columns: table => new
                {
                    trigger_id = table.Column<string>(type: "TEXT", nullable: false),
                    customer_id = table.Column<string>(type: "TEXT", nullable: false),
                    cause_id = table.Column<string>(type: "TEXT", nullable: false),
                    caused_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    due_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    stage = table.Column<string>(type: "TEXT", nullable: false),
                    attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    channel = table.Column<string>(type: "TEXT", nullable: false),
                    anchor = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey(Names.Name("PK_", "trigger_timers"), x => new { x.customer_id, x.trigger_id, x.cause_id });
                });

            migrationBuilder.CreateIndex(
                name: Names.Name("IX_", "audit_log_customer_id_at_utc"),
                table: Names.Name("", "audit_log"),
                columns: new[] { "customer_id", "at_utc" });

            migrationBuilder.CreateIndex(
                name: Names.Name("IX_", "customers_email_hash"),
                table: Names.Name("", "customers"),
                column: "email_hash");

            migrationBuilder.CreateIndex(
                name: Names.Name("IX_", "customers_phone_hash"),
                table: Names.Name("", "customers"),
                column: "phone_hash");

            migrationBuilder.CreateIndex(
                name: Names.Name("IX_", "events_customer_id_at_utc"),
                table: Names.Name("", "events"),
                columns: new[] { "customer_id", "at_utc" });

            migrationBuilder.CreateIndex(
                name: Names.Name("IX_", "events_id"),
                table: Names.Name("", "events"),
                column: "id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: Names.Name("IX_", "events_type_at_utc"),
                table: Names.Name("", "events"),
                columns: new[] { "type", "at_utc" });

            migrationBuilder.CreateIndex(
                name: Names.Name("IX_", "manual_decisions_decision"),
                table: Names.Name("", "manual_decisions"),
                columns: new[] { "customer_id", "tag", "decided_at_utc", "decided_by" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: Names.Name("IX_", "outbox_messages_customer_id"),
                table: Names.Name("", "outbox_messages"),
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: Names.Name("IX_", "outbox_messages_status_next_attempt_at_utc"),
                table: Names.Name("", "outbox_messages"),
                columns: new[] { "status", "next_attempt_at_utc" });

            migrationBuilder.CreateIndex(
                name: Names.Name("IX_", "source_identifiers_type_value_hash"),
                table: Names.Name("", "source_identifiers"),
                columns: new[] { "type", "value_hash" });

            migrationBuilder.CreateIndex(
                name: Names.Name("IX_", "source_records_customer_id"),
                table: Names.Name("", "source_records"),
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: Names.Name("IX_", "tag_assignments_tag_customer_id"),
                table: Names.Name("", "tag_assignments"),
                columns: new[] { "tag", "customer_id" });

            migrationBuilder.CreateIndex(
                name: Names.Name("IX_", "tag_history_customer_id_id"),
                table: Names.Name("", "tag_history"),
                columns: new[] { "customer_id", "id" });

            migrationBuilder.CreateIndex(
                name: Names.Name("IX_", "tag_history_run_id"),
                table: Names.Name("", "tag_history"),
                column: "run_id");

            migrationBuilder.CreateIndex(
                name: Names.Name("IX_", "trigger_timers_due_at_utc"),
                table: Names.Name("", "trigger_timers"),
                column: "due_at_utc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: Names.Name("", "audit_log"));

            migrationBuilder.DropTable(
                name: Names.Name("", "batch_checkpoints"));

            migrationBuilder.DropTable(
                name: Names.Name("", "consents"));

            migrationBuilder.DropTable(
                name: Names.Name("", "customers"));

            migrationBuilder.DropTable(
                name: Names.Name("", "events"));

            migrationBuilder.DropTable(
                name: Names.Name("", "identity_changes"));

            migrationBuilder.DropTable(
                name: Names.Name("", "identity_decisions"));

            migrationBuilder.DropTable(
                name: Names.Name("", "manual_decisions"));

            migrationBuilder.DropTable(
                name: Names.Name("", "outbox_messages"));

            migrationBuilder.DropTable(
                name: Names.Name("", "score_snapshots"));

            migrationBuilder.DropTable(
                name: Names.Name("", "source_identifiers"));

            migrationBuilder.DropTable(
                name: Names.Name("", "source_records"));

            migrationBuilder.DropTable(
                name: Names.Name("", "tag_assignments"));

            migrationBuilder.DropTable(
                name: Names.Name("", "tag_definitions"));

            migrationBuilder.DropTable(
                name: Names.Name("", "tag_history"));

            migrationBuilder.DropTable(
                name: Names.Name("", "tag_sets"));

            migrationBuilder.DropTable(
                name: Names.Name("", "trigger_timers"));
        }
    }
}
