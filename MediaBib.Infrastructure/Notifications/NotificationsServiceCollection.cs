using MediaBib.Infrastructure.Notifications.Channels;
using MediaBib.Infrastructure.Notifications.Letters;
using MediaBib.Infrastructure.Notifications.Templates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MediaBib.Infrastructure.Notifications;

public static class NotificationsServiceCollection
{
    /// <summary>
    /// Registers the notice machinery: email (SMTP), SMS (HTTP gateway, when <c>Notices:Sms:Url</c> is set), letters,
    /// the renderer, the planner, the dispatcher and the letter printer. Email is optional (no <c>Notices:Smtp:Host</c>: no
    /// email channel); once a host is given the SMTP settings are checked at start and a wrong one stops the process
    /// with one sentence naming the variable.
    /// </summary>
    public static IServiceCollection AddNotices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NoticeDispatchOptions>().Bind(configuration.GetSection(NoticeDispatchOptions.Section));
        services.AddSingleton<NoticeTemplateRenderer>();

        // Email is optional: without Notices:Smtp:Host there is no email channel, and email notices fall back to the
        // patron's next channel. A server that is named but badly configured still stops the process at start.
        if (!string.IsNullOrWhiteSpace(configuration[$"{SmtpOptions.Section}:Host"]))
        {
            services.AddOptions<SmtpOptions>().Bind(configuration.GetSection(SmtpOptions.Section))
                .ValidateOnStart();
            services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<SmtpOptions>, SmtpOptionsValidator>();
            services.AddSingleton<INoticeChannelSender, SmtpEmailSender>();
        }

        services.AddSingleton<INoticeChannelSender, LetterSender>();
        if (!string.IsNullOrWhiteSpace(configuration[$"{HttpSmsOptions.Section}:Url"]))
        {
            services.AddOptions<HttpSmsOptions>().Bind(configuration.GetSection(HttpSmsOptions.Section))
                .ValidateOnStart();
            services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<HttpSmsOptions>, HttpSmsOptionsValidator>();
            services.AddHttpClient<INoticeChannelSender, HttpSmsSender>();
        }

        services.AddSingleton<NoticeDispatcher>();
        services.AddSingleton<NoticePlanner>();
        services.AddSingleton<ReminderPlanner>();
        services.AddSingleton<NoticeAdmin>();
        services.AddSingleton<NoticeLog>();
        services.AddSingleton<LetterBatchPrinter>();
        return services;
    }

    private sealed class SmtpOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<SmtpOptions>
    {
        public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, SmtpOptions options) =>
            options.Problem() is { } problem
                ? Microsoft.Extensions.Options.ValidateOptionsResult.Fail(problem)
                : Microsoft.Extensions.Options.ValidateOptionsResult.Success;
    }

    private sealed class HttpSmsOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<HttpSmsOptions>
    {
        public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, HttpSmsOptions options) =>
            options.Problem() is { } problem
                ? Microsoft.Extensions.Options.ValidateOptionsResult.Fail(problem)
                : Microsoft.Extensions.Options.ValidateOptionsResult.Success;
    }
}
