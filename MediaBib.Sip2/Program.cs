using MediaBib.Sip2;
using MediaBib.Sip2.Engine;
using Microsoft.Extensions.Hosting;
using Serilog;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddSerilog((sp, lc) => lc.ReadFrom.Configuration(builder.Configuration)
    .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture));

// The engine (and its database gate) first: hosted services start in order, the listener last.
builder.Services.AddSip2Engine(builder.Configuration);
builder.Services.AddSip2Services(builder.Configuration);

await builder.Build().RunAsync();
