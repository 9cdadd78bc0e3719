using Microsoft.Extensions.Hosting;
using MediaBib.Infrastructure;
using Serilog;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddSerilog((sp, lc) => lc.ReadFrom.Configuration(builder.Configuration)
    .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture));
builder.Services.AddInfrastructure(builder.Configuration);

await builder.Build().RunAsync();
