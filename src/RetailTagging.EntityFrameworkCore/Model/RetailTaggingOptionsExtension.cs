using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using RetailTagging.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace RetailTagging.EntityFrameworkCore;

/// <summary>Carries the model options into EF Core's services, so contexts with different schemas get different models, and picks the provider's migrations.</summary>
internal sealed class RetailTaggingOptionsExtension(RetailTaggingModelOptions model) : IDbContextOptionsExtension
{
    private DbContextOptionsExtensionInfo? _info;

    public RetailTaggingModelOptions Model { get; } = model.Copy();

    public DbContextOptionsExtensionInfo Info => _info ??= new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Scoped<IMigrationsAssembly, ProviderMigrationsAssembly>());

    public void Validate(IDbContextOptions options) => Model.Validate();

    private sealed class ExtensionInfo(RetailTaggingOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        private RetailTaggingOptionsExtension Owner => (RetailTaggingOptionsExtension)Extension;

        public override bool IsDatabaseProvider => false;

        public override string LogFragment => $"RetailTagging:Schema={Owner.Model.Schema} Prefix={Owner.Model.TablePrefix} ";

        public override int GetServiceProviderHashCode() => HashCode.Combine(Owner.Model.Schema, Owner.Model.TablePrefix);

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) =>
            other is ExtensionInfo info && info.Owner.Model.Schema == Owner.Model.Schema && info.Owner.Model.TablePrefix == Owner.Model.TablePrefix;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo)
        {
            debugInfo["RetailTagging:Schema"] = Owner.Model.Schema ?? "";
            debugInfo["RetailTagging:TablePrefix"] = Owner.Model.TablePrefix;
        }
    }
}
