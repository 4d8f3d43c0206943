using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace RetailTagging.EntityFrameworkCore.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class InitialCreate : RetailTaggingMigration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            if (Names.Schema is not null) migrationBuilder.EnsureSchema(
                name: Names.Schema);

            migrationBuilder.CreateTable(
                name: Names.Name("", "audit_log"),
                schema: Names.Schema,
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "text", nullable: false),
                    action = table.Column<string>(type: "text", nullable: false),
                    customer_id = table.Column<string>(type: "text", nullable: true),
                    details = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey(Names.Name("PK_", "audit_log"), x => x.id);
                });

            migrationBuilder.CreateTable(
                name: Names.Name("", "batch_checkpoints"),
                schema: Names.Schema,
                columns: table => new
                {
                    run_id = table.Column<string>(type: "text", nullable: false),
                    as_of_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    last_customer_id = table.Column<string>(type: "text", nullable: true),
                    customers_processed = table.Column<long>(type: "bigint", nullable: false),
                    changes_written = table.Column<long>(type: "bigint", nullable: false),
                    started_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    completed_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey(Names.Name("PK_", "batch_checkpoints"), x => x.run_id);
                });

            migrationBuilder.CreateTable(
                name: Names.Name("", "consents"),
                schema: Names.Schema,
                columns: table => new
                {
                    customer_id = table.Column<string>(type: "text", nullable: false),
                    channel = table.Column<string>(type: "text", nullable: false),
                    opted_out = table.Column<bool>(type: "boolean", nullable: false),
                    at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey(Names.Name("PK_", "consents"), x => new { x.customer_id, x.channel });
                });

            migrationBuilder.CreateTable(
                name: Names.Name("", "customers"),
                schema: Names.Schema,
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    name_cipher = table.Column<byte[]>(type: "bytea", nullable: true),
                    phone_cipher = table.Column<byte[]>(type: "bytea", nullable: true),
                    phone_hash = table.Column<byte[]>(type: "bytea", nullable: true),
                    email_cipher = table.Column<byte[]>(type: "bytea", nullable: true),
                    email_hash = table.Column<byte[]>(type: "bytea", nullable: true),
                    gender = table.Column<string>(type: "text", nullable: true),
                    birth_date = table.Column<DateOnly>(type: "date", nullable: true),
                    city = table.Column<string>(type: "text", nullable: true),
                    registered_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    member_level = table.Column<string>(type: "text", nullable: true),
                    attributes_json = table.Column<string>(type: "text", nullable: true),
                    updated_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey(Names.Name("PK_", "customers"), x => x.id);
                });

            migrationBuilder.CreateTable(
                name: Names.Name("", "events"),
                schema: Names.Schema,
                columns: table => new
                {
                    sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    id = table.Column<string>(type: "text", nullable: true),
                    customer_id = table.Column<string>(type: "text", nullable: false),
                    type = table.Column<string>(type: "text", nullable: false),
                    at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    channel = table.Column<string>(type: "text", nullable: true),
                    store = table.Column<string>(type: "text", nullable: true),
                    amount = table.Column<decimal>(type: "numeric", nullable: true),
                    sku = table.Column<string>(type: "text", nullable: true),
                    category = table.Column<string>(type: "text", nullable: true),
                    brand = table.Column<string>(type: "text", nullable: true),
                    quantity = table.Column<decimal>(type: "numeric", nullable: true),
                    properties_json = table.Column<string>(type: "text", nullable: true),
                    stored_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey(Names.Name("PK_", "events"), x => x.sequence);
                });

            migrationBuilder.CreateTable(
                name: Names.Name("", "identity_changes"),
                schema: Names.Schema,
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    before_json = table.Column<string>(type: "text", nullable: false),
                    after_json = table.Column<string>(type: "text", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey(Names.Name("PK_", "identity_changes"), x => x.id);
                });

            migrationBuilder.CreateTable(
                name: Names.Name("", "identity_decisions"),
                schema: Names.Schema,
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    left_json = table.Column<string>(type: "text", nullable: false),
                    right_json = table.Column<string>(type: "text", nullable: false),
                    decided_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    decided_by = table.Column<string>(type: "text", nullable: true),
                    reason = table.Column<string>(type: "text", nullable: true),
                    review_item_id = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey(Names.Name("PK_", "identity_decisions"), x => x.id);
                });

            migrationBuilder.CreateTable(
                name: Names.Name("", "manual_decisions"),
                schema: Names.Schema,
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    customer_id = table.Column<string>(type: "text", nullable: false),
                    tag = table.Column<string>(type: "text", nullable: false),
                    action = table.Column<string>(type: "text", nullable: false),
                    value = table.Column<string>(type: "text", nullable: false),
                    decided_by = table.Column<string>(type: "text", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: false),
                    decided_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false),
                    reviewed_by = table.Column<string>(type: "text", nullable: true),
                    effective_from_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    effective_until_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey(Names.Name("PK_", "manual_decisions"), x => x.id);
                });

            migrationBuilder.CreateTable(
                name: Names.Name("", "outbox_messages"),
                schema: Names.Schema,
                columns: table => new
                {
                    idempotency_key = table.Column<string>(type: "text", nullable: false),
                    trigger_id = table.Column<string>(type: "text", nullable: false),
                    customer_id = table.Column<string>(type: "text", nullable: false),
                    action = table.Column<string>(type: "text", nullable: false),
                    channel = table.Column<string>(type: "text", nullable: false),
                    priority = table.Column<int>(type: "integer", nullable: false),
                    caused_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    properties_json = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "text", nullable: true),
                    updated_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey(Names.Name("PK_", "outbox_messages"), x => x.idempotency_key);
                });

            migrationBuilder.CreateTable(
                name: Names.Name("", "score_snapshots"),
                schema: Names.Schema,
                columns: table => new
                {
                    customer_id = table.Column<string>(type: "text", nullable: false),
                    score = table.Column<string>(type: "text", nullable: false),
                    as_of_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    value = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey(Names.Name("PK_", "score_snapshots"), x => new { x.customer_id, x.score, x.as_of_utc });
                });

            migrationBuilder.CreateTable(
                name: Names.Name("", "source_identifiers"),
                schema: Names.Schema,
                columns: table => new
                {
                    record_id = table.Column<string>(type: "text", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    type = table.Column<string>(type: "text", nullable: false),
                    value_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    value_cipher = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey(Names.Name("PK_", "source_identifiers"), x => new { x.record_id, x.position });
                });

            migrationBuilder.CreateTable(
                name: Names.Name("", "source_records"),
                schema: Names.Schema,
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    source = table.Column<string>(type: "text", nullable: false),
                    priority = table.Column<int>(type: "integer", nullable: true),
                    created_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    updated_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    attributes_cipher = table.Column<byte[]>(type: "bytea", nullable: true),
                    events_json = table.Column<string>(type: "text", nullable: true),
                    customer_id = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey(Names.Name("PK_", "source_records"), x => x.id);
                });

            migrationBuilder.CreateTable(
                name: Names.Name("", "tag_assignments"),
                schema: Names.Schema,
                columns: table => new
                {
                    customer_id = table.Column<string>(type: "text", nullable: false),
                    tag = table.Column<string>(type: "text", nullable: false),
                    value = table.Column<string>(type: "text", nullable: false),
                    assigned_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    expires_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    source = table.Column<string>(type: "text", nullable: false),
                    rule_version = table.Column<string>(type: "text", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey(Names.Name("PK_", "tag_assignments"), x => new { x.customer_id, x.tag });
                });

            migrationBuilder.CreateTable(
                name: Names.Name("", "tag_definitions"),
                schema: Names.Schema,
                columns: table => new
                {
                    name = table.Column<string>(type: "text", nullable: false),
                    version = table.Column<string>(type: "text", nullable: false),
                    dimension = table.Column<string>(type: "text", nullable: true),
                    expression = table.Column<string>(type: "text", nullable: false),
                    description = table.Column<string>(type: "text", nullable: true),
                    ttl = table.Column<TimeSpan>(type: "interval", nullable: true),
                    created_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey(Names.Name("PK_", "tag_definitions"), x => new { x.name, x.version });
                });

            migrationBuilder.CreateTable(
                name: Names.Name("", "tag_history"),
                schema: Names.Schema,
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    customer_id = table.Column<string>(type: "text", nullable: false),
                    tag = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    old_value = table.Column<string>(type: "text", nullable: true),
                    new_value = table.Column<string>(type: "text", nullable: true),
                    at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    source = table.Column<string>(type: "text", nullable: false),
                    rule_version = table.Column<string>(type: "text", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: false),
                    run_id = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey(Names.Name("PK_", "tag_history"), x => x.id);
                });

            migrationBuilder.CreateTable(
                name: Names.Name("", "tag_sets"),
                schema: Names.Schema,
                columns: table => new
                {
                    customer_id = table.Column<string>(type: "text", nullable: false),
                    as_of_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey(Names.Name("PK_", "tag_sets"), x => x.customer_id);
                });

            migrationBuilder.CreateTable(
                name: Names.Name("", "trigger_timers"),
                schema: Names.Schema,
                columns: table => new
                {
                    trigger_id = table.Column<string>(type: "text", nullable: false),
                    customer_id = table.Column<string>(type: "text", nullable: false),
                    cause_id = table.Column<string>(type: "text", nullable: false),
                    caused_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    due_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    stage = table.Column<string>(type: "text", nullable: false),
                    attempt = table.Column<int>(type: "integer", nullable: false),
                    channel = table.Column<string>(type: "text", nullable: false),
                    anchor = table.Column<DateOnly>(type: "date", nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey(Names.Name("PK_", "trigger_timers"), x => new { x.customer_id, x.trigger_id, x.cause_id });
                });

            migrationBuilder.CreateIndex(
                name: Names.Name("IX_", "audit_log_customer_id_at_utc"),
                schema: Names.Schema,
                table: Names.Name("", "audit_log"),
                columns: new[] { "customer_id", "at_utc" });

            migrationBuilder.CreateIndex(
                name: Names.Name("IX_", "customers_email_hash"),
                schema: Names.Schema,
                table: Names.Name("", "customers"),
                column: "email_hash");

            migrationBuilder.CreateIndex(
                name: Names.Name("IX_", "customers_phone_hash"),
                schema: Names.Schema,
                table: Names.Name("", "customers"),
                column: "phone_hash");

            migrationBuilder.CreateIndex(
                name: Names.Name("IX_", "events_customer_id_at_utc"),
                schema: Names.Schema,
                table: Names.Name("", "events"),
                columns: new[] { "customer_id", "at_utc" });

            migrationBuilder.CreateIndex(
                name: Names.Name("IX_", "events_id"),
                schema: Names.Schema,
                table: Names.Name("", "events"),
                column: "id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: Names.Name("IX_", "events_type_at_utc"),
                schema: Names.Schema,
                table: Names.Name("", "events"),
                columns: new[] { "type", "at_utc" });

            migrationBuilder.CreateIndex(
                name: Names.Name("IX_", "manual_decisions_decision"),
                schema: Names.Schema,
                table: Names.Name("", "manual_decisions"),
                columns: new[] { "customer_id", "tag", "decided_at_utc", "decided_by" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: Names.Name("IX_", "outbox_messages_customer_id"),
                schema: Names.Schema,
                table: Names.Name("", "outbox_messages"),
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: Names.Name("IX_", "outbox_messages_status_next_attempt_at_utc"),
                schema: Names.Schema,
                table: Names.Name("", "outbox_messages"),
                columns: new[] { "status", "next_attempt_at_utc" });

            migrationBuilder.CreateIndex(
                name: Names.Name("IX_", "source_identifiers_type_value_hash"),
                schema: Names.Schema,
                table: Names.Name("", "source_identifiers"),
                columns: new[] { "type", "value_hash" });

            migrationBuilder.CreateIndex(
                name: Names.Name("IX_", "source_records_customer_id"),
                schema: Names.Schema,
                table: Names.Name("", "source_records"),
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: Names.Name("IX_", "tag_assignments_tag_customer_id"),
                schema: Names.Schema,
                table: Names.Name("", "tag_assignments"),
                columns: new[] { "tag", "customer_id" });

            migrationBuilder.CreateIndex(
                name: Names.Name("IX_", "tag_history_customer_id_id"),
                schema: Names.Schema,
                table: Names.Name("", "tag_history"),
                columns: new[] { "customer_id", "id" });

            migrationBuilder.CreateIndex(
                name: Names.Name("IX_", "tag_history_run_id"),
                schema: Names.Schema,
                table: Names.Name("", "tag_history"),
                column: "run_id");

            migrationBuilder.CreateIndex(
                name: Names.Name("IX_", "trigger_timers_due_at_utc"),
                schema: Names.Schema,
                table: Names.Name("", "trigger_timers"),
                column: "due_at_utc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: Names.Name("", "audit_log"),
                schema: Names.Schema);

            migrationBuilder.DropTable(
                name: Names.Name("", "batch_checkpoints"),
                schema: Names.Schema);

            migrationBuilder.DropTable(
                name: Names.Name("", "consents"),
                schema: Names.Schema);

            migrationBuilder.DropTable(
                name: Names.Name("", "customers"),
                schema: Names.Schema);

            migrationBuilder.DropTable(
                name: Names.Name("", "events"),
                schema: Names.Schema);

            migrationBuilder.DropTable(
                name: Names.Name("", "identity_changes"),
                schema: Names.Schema);

            migrationBuilder.DropTable(
                name: Names.Name("", "identity_decisions"),
                schema: Names.Schema);

            migrationBuilder.DropTable(
                name: Names.Name("", "manual_decisions"),
                schema: Names.Schema);

            migrationBuilder.DropTable(
                name: Names.Name("", "outbox_messages"),
                schema: Names.Schema);

            migrationBuilder.DropTable(
                name: Names.Name("", "score_snapshots"),
                schema: Names.Schema);

            migrationBuilder.DropTable(
                name: Names.Name("", "source_identifiers"),
                schema: Names.Schema);

            migrationBuilder.DropTable(
                name: Names.Name("", "source_records"),
                schema: Names.Schema);

            migrationBuilder.DropTable(
                name: Names.Name("", "tag_assignments"),
                schema: Names.Schema);

            migrationBuilder.DropTable(
                name: Names.Name("", "tag_definitions"),
                schema: Names.Schema);

            migrationBuilder.DropTable(
                name: Names.Name("", "tag_history"),
                schema: Names.Schema);

            migrationBuilder.DropTable(
                name: Names.Name("", "tag_sets"),
                schema: Names.Schema);

            migrationBuilder.DropTable(
                name: Names.Name("", "trigger_timers"),
                schema: Names.Schema);
        }
    }
}
