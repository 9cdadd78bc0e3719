using System.Net;
using System.Text;
using MediaBib.Sip2.Library;
using MediaBib.Sip2.Protocol;
using Microsoft.Extensions.Logging;

namespace MediaBib.Sip2.Session;

/// <summary>
/// The state of one terminal connection: login, charset, the last response (for 97 and retries). It turns each
/// received frame into exactly one answer, so a garbled message never ends the connection.
/// States: anonymous (only 93, 99, 97, unless the library recognises the terminal without login) → logged in.
/// </summary>
public sealed class Sip2Session
{
    private readonly ISip2Library? _library;
    private readonly Sip2Options _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IPAddress _remote;
    private readonly Sip2RequestParser _parser;
    private readonly Sip2Responses _responses;
    private readonly Sip2Handlers? _handlers;
    private Encoding _encoding;
    private string? _location;
    private bool _triedWithoutLogin;
    private byte[]? _lastRequest;
    private byte[]? _lastResponse;

    public Sip2Session(ISip2Library? library, Sip2Options options, Sip2Date dates, TimeProvider time, ILogger logger, IPAddress remote)
    {
        _library = library;
        _options = options;
        _time = time;
        _logger = logger;
        _remote = remote;
        _parser = new Sip2RequestParser(dates);
        _responses = new Sip2Responses(dates);
        _handlers = library is null ? null : new Sip2Handlers(library, _responses);
        _encoding = Sip2Encodings.Resolve(options.DefaultCharset);
    }

    /// <summary>The logged-in terminal account, or null.</summary>
    public TerminalAccount? Terminal { get; private set; }

    public Encoding Encoding => _encoding;

    /// <summary>Answers one frame; the returned bytes include the error-detection trailer and the terminator.</summary>
    public async Task<byte[]> HandleAsync(Sip2Frame frame, CancellationToken cancellationToken)
    {
        if (frame.TooLong)
        {
            _logger.LogWarning("SIP2 {Remote}: message longer than {Max} bytes discarded, answered 96", _remote, _options.MaxMessageLength);
            return Resend96(false, frame.Terminator);
        }
        var payload = frame.Payload;
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            _logger.LogDebug("SIP2 {Remote} <- {Message}", _remote, Sip2LogFormatter.Format(payload, _encoding));
        }
        var envelope = Sip2Envelope.Read(payload);
        if (envelope.Status is EnvelopeStatus.BadChecksum or EnvelopeStatus.BadSequence)
        {
            _logger.LogWarning("SIP2 {Remote}: {Problem}, answered 96: {Message}", _remote,
                envelope.Status == EnvelopeStatus.BadChecksum ? "bad checksum" : "bad sequence number",
                Sip2LogFormatter.Format(payload, _encoding));
            return Resend96(true, frame.Terminator);
        }
        var body = _encoding.GetString(payload, 0, envelope.BodyLength);
        if (body.StartsWith("97", StringComparison.Ordinal))
        {
            return _lastResponse is null ? Resend96(envelope.HasChecksum, frame.Terminator) : WithTerminator(_lastResponse, frame.Terminator);
        }
        if (envelope.Sequence is not null && _lastResponse is not null && _lastRequest is not null
            && payload.AsSpan().SequenceEqual(_lastRequest) && !body.StartsWith("99", StringComparison.Ordinal))
        {
            // Same message with the same sequence number: the terminal did not get our answer. Replaying it (rather
            // than running the request again) keeps a retried checkout or payment from happening twice.
            _logger.LogInformation("SIP2 {Remote}: repeated sequence {Sequence}, last response sent again", _remote, envelope.Sequence);
            return WithTerminator(_lastResponse, frame.Terminator);
        }

        var text = await AnswerAsync(body, payload, cancellationToken);
        if (text is null)
        {
            return Resend96(envelope.HasChecksum, frame.Terminator);
        }
        var response = Sip2Encoder.Encode(text, _encoding, envelope.HasChecksum, envelope.Sequence, frame.Terminator);
        _lastRequest = payload;
        _lastResponse = response[..^Sip2Framer.TerminatorBytes(frame.Terminator).Length];
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            _logger.LogDebug("SIP2 {Remote} -> {Message}", _remote, Sip2LogFormatter.Format(_lastResponse, _encoding, received: false));
        }
        return response;
    }

    /// <summary>The response text, or null when the message cannot be understood (answered 96).</summary>
    private async Task<string?> AnswerAsync(string body, byte[] payload, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        switch (_parser.Parse(body))
        {
            case ParseResult.Malformed malformed:
                _logger.LogWarning("SIP2 {Remote}: malformed message ({Reason}), answered 96: {Message}", _remote,
                    malformed.Reason, Sip2LogFormatter.Format(payload, _encoding));
                return null;
            case ParseResult.MissingField missing:
                _logger.LogWarning("SIP2 {Remote}: {Code} without field {Field}: {Message}", _remote, missing.Request.Code,
                    missing.FieldId, Sip2LogFormatter.Format(payload, _encoding));
                return _responses.Refusal(missing.Request, ScreenMessages.Codes.MissingField, ScreenMessages.MissingField(missing.FieldId), now);
            case ParseResult.Parsed parsed:
                try
                {
                    return await AnswerParsedAsync(parsed.Request, now, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _logger.LogError(e, "SIP2 {Remote}: {Code} failed in the library", _remote, parsed.Request.Code);
                    return _responses.Refusal(parsed.Request, ScreenMessages.Codes.ServiceUnavailable, ScreenMessages.ServiceUnavailable, now);
                }
            default:
                throw new InvalidOperationException("Unexpected parse result.");
        }
    }

    private async Task<string> AnswerParsedAsync(Sip2Request request, DateTimeOffset now, CancellationToken ct)
    {
        switch (request)
        {
            case LoginRequest login:
                return _responses.Login(await LoginAsync(login, ct));
            case ScStatusRequest:
                return _responses.AcsStatus(await StatusAsync(ct), now);
            case ResendRequest:
                throw new InvalidOperationException("97 is answered before parsing.");
        }
        if (Terminal is null && !await TryWithoutLoginAsync(ct))
        {
            _logger.LogWarning("SIP2 {Remote}: {Code} before login refused", _remote, request.Code);
            return _responses.Refusal(request, ScreenMessages.Codes.LoginRequired, ScreenMessages.LoginRequired, now);
        }
        var terminal = Terminal!;
        var operation = TerminalPermissions.RequiredOperation(request);
        if (!terminal.Allows(operation))
        {
            _logger.LogWarning("SIP2 {Remote}: {Code} not allowed for terminal {Login}", _remote, request.Code, terminal.Login);
            return _responses.Refusal(request, ScreenMessages.Codes.OperationNotAllowed, ScreenMessages.OperationNotAllowed, now);
        }
        if (TerminalPermissions.IsNoBlock(request))
        {
            if (!terminal.Allows(Sip2Operations.Offline))
            {
                return _responses.Refusal(request, ScreenMessages.Codes.OfflineNotAllowed, ScreenMessages.OfflineNotAllowed, now);
            }
            _logger.LogWarning("SIP2 {Remote}: no-block (offline) {Code} from terminal {Login}", _remote, request.Code, terminal.Login);
        }
        var context = new Sip2Context(terminal, request.InstitutionId.Length > 0 ? request.InstitutionId : terminal.InstitutionId, _location, now);
        return await _handlers!.HandleAsync(request, context, ct);
    }

    private async Task<bool> LoginAsync(LoginRequest login, CancellationToken ct)
    {
        if (login.UidAlgorithm != '0' || login.PwdAlgorithm != '0' || _library is null)
        {
            _logger.LogWarning("SIP2 {Remote}: login of '{Login}' refused (algorithms {Uid}{Pwd}, library {State})", _remote,
                login.LoginUserId, login.UidAlgorithm, login.PwdAlgorithm, _library is null ? "not configured" : "ready");
            return false;
        }
        var account = await _library.AuthenticateTerminalAsync(login.LoginUserId, login.LoginPassword, login.LocationCode, ct);
        if (account is null)
        {
            _logger.LogWarning("SIP2 {Remote}: login of '{Login}' refused: wrong login or password", _remote, login.LoginUserId);
            return false;
        }
        _location = login.LocationCode;
        Become(account);
        _logger.LogInformation("SIP2 {Remote}: terminal '{Login}' logged in (library {Library}, charset {Charset})",
            _remote, account.Login, account.LibraryCode, _encoding.WebName);
        return true;
    }

    private async Task<bool> TryWithoutLoginAsync(CancellationToken ct)
    {
        if (_triedWithoutLogin || _library is null)
        {
            return false;
        }
        _triedWithoutLogin = true;
        var account = await _library.FindTerminalWithoutLoginAsync(_remote, ct);
        if (account is null)
        {
            return false;
        }
        Become(account);
        _logger.LogInformation("SIP2 {Remote}: terminal '{Login}' recognised without login", _remote, account.Login);
        return true;
    }

    private void Become(TerminalAccount account)
    {
        Terminal = account;
        try
        {
            _encoding = Sip2Encodings.Resolve(account.Charset);
        }
        catch (ArgumentException e)
        {
            _logger.LogError("SIP2 {Remote}: terminal '{Login}': {Problem} Keeping {Charset}.", _remote, account.Login, e.Message, _encoding.WebName);
        }
    }

    private async Task<AcsStatusContent> StatusAsync(CancellationToken ct)
    {
        AcsStatus status;
        try
        {
            status = _library is null
                ? new AcsStatus(false, null, ScreenMessages.ServiceUnavailable)
                : await _library.GetStatusAsync(Terminal, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogError(e, "SIP2 {Remote}: status check failed", _remote);
            status = new AcsStatus(false, null, ScreenMessages.ServiceUnavailable);
        }
        var t = Terminal;
        bool Can(Sip2Operations op) => status.Online && (t is null || t.Allows(op));
        return new AcsStatusContent(status.Online, Can(Sip2Operations.Checkin), Can(Sip2Operations.Checkout),
            Can(Sip2Operations.Renew), Can(Sip2Operations.ItemStatusUpdate), Can(Sip2Operations.Offline),
            _options.AcsTimeoutTenths, _options.RetriesAllowed, t?.InstitutionId ?? _options.InstitutionId,
            status.LibraryName ?? t?.LibraryName, TerminalPermissions.SupportedMessages(t), _location, status.ScreenMessage);
    }

    private byte[] Resend96(bool errorDetection, Sip2Terminator terminator) =>
        Sip2Encoder.Encode(Sip2Responses.RequestScResend, _encoding, errorDetection, null, terminator);

    private static byte[] WithTerminator(byte[] response, Sip2Terminator terminator) =>
        [.. response, .. Sip2Framer.TerminatorBytes(terminator)];
}
