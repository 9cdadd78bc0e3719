using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MediaBib.Infrastructure.Persistence;

/// <summary>Lets <c>dotnet ef</c> build the model without starting the web app.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<MediaBibDbContext>
{
    public MediaBibDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Db")
            ?? "Host=127.0.0.1;Port=55432;Database=mediabib;Username=mediabib;Password=mediabib";
        var options = new DbContextOptionsBuilder<MediaBibDbContext>();
        DatabaseSetup.Configure(options, connectionString);
        return new MediaBibDbContext(options.Options);
    }
}
