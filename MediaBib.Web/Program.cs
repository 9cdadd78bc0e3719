using MediaBib.Infrastructure.Persistence;
using MediaBib.Web;
using Serilog;

if (MediaBib.Web.Catalogue.ImportCommand.Applies(args))
{
    // Command line for large migrations: the same CatalogImport as the staff page, without the web server.
    return await MediaBib.Web.Catalogue.ImportCommand.RunAsync(args, Console.Out, Console.Error);
}

if (MediaBib.Web.Rfid.PadSimulatorCommand.Applies(args))
{
    // The RFID pad simulator: a pad agent on the console (place and remove tags, see security commands).
    return await MediaBib.Web.Rfid.PadSimulatorCommand.RunAsync(args, Console.In, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddMediaBibWeb();

var app = builder.Build();
try
{
    await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(app.Lifetime.ApplicationStopping);
}
catch (StartupException ex)
{
    app.Logger.LogCritical("MediaBib cannot start: {Reason}", ex.Message);
    Console.Error.WriteLine($"MediaBib cannot start: {ex.Message}");
    await Log.CloseAndFlushAsync();
    return 1;
}

app.UseMediaBibWeb();
await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in tests.</summary>
public partial class Program;
