using MediaBib.Infrastructure;
using MediaBib.Sip2;
using Microsoft.Extensions.Hosting;
using Serilog;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddSerilog((sp, lc) => lc.ReadFrom.Configuration(builder.Configuration)
    .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture));
builder.Services.AddInfrastructure(builder.Configuration);
builder.Services.AddSip2Services(builder.Configuration);

await builder.Build().RunAsync();
