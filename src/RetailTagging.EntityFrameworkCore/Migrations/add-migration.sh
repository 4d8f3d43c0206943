#!/usr/bin/env bash
# Generates one migration for both providers with dotnet-ef and rewrites the generated names so the
# shipped migrations honour the configured schema and table prefix (see docs/persistence.md, "Migrations").
# Usage (from the repository root): src/RetailTagging.EntityFrameworkCore/Migrations/add-migration.sh Name
# Needs dotnet-ef 10 on PATH: dotnet tool install --tool-path /tmp/ef dotnet-ef
set -euo pipefail
name=${1:?migration name}
cd "$(dirname "$0")/.."
ns=RetailTagging.EntityFrameworkCore.Migrations

for provider in Sqlite PostgreSql; do
  dotnet build -c Release --nologo -v q >/dev/null
  arg=$(echo "$provider" | tr 'A-Z' 'a-z')
  # dotnet-ef overwrites any file named like the snapshot it writes: hide the other provider's snapshot meanwhile.
  other=$([ "$provider" = Sqlite ] && echo PostgreSql || echo Sqlite)
  for s in Migrations/$other/*ModelSnapshot.cs; do [ -f "$s" ] && mv "$s" "$s.hidden"; done
  dotnet-ef migrations add "$name" --configuration Release --no-build -o "Migrations/$provider" --namespace "$ns.$provider" -- "$arg"
  for s in Migrations/$other/*.hidden; do [ -f "$s" ] && mv "$s" "${s%.hidden}"; done
  # With no snapshot yet, dotnet-ef writes it under a folder named after the namespace.
  if [ -d RetailTagging ]; then
    mv RetailTagging/EntityFrameworkCore/Migrations/$provider/*ModelSnapshot.cs "Migrations/$provider/"
    rm -rf RetailTagging
  fi
  # Every rewrite below is idempotent: earlier migrations pass through it again unchanged.
  for file in Migrations/$provider/*.cs; do
    sed -i -E \
      -e 's/partial class ([A-Za-z0-9_]+) : Migration$/partial class \1 : RetailTaggingMigration/' \
      -e 's/partial class ([A-Za-z0-9_]+) : ModelSnapshot$/partial class \1 : RetailTaggingModelSnapshot/' \
      -e 's/^( *)migrationBuilder\.EnsureSchema\(/\1if (Names.Schema is not null) migrationBuilder.EnsureSchema(/' \
      -e 's/"rt_placeholder_schema"/Names.Schema/g' \
      -e 's/"(PK_|IX_|FK_|AK_)?rt_([A-Za-z0-9_~]+)"/Names.Name("\1", "\2")/g' \
      "$file"
  done
done
