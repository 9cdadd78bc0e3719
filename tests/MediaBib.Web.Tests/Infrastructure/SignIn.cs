using System.Text.RegularExpressions;

namespace MediaBib.Web.Tests.Infrastructure;

/// <summary>Signs in the way a browser does: load the form (antiforgery cookie + token), then post it.</summary>
public static partial class SignIn
{
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string page = "/account/login")
    {
        var html = await client.GetStringAsync(page, TestContext.Current.CancellationToken);
        var match = TokenPattern().Match(html);
        Assert.True(match.Success, "the page has no antiforgery token");
        return System.Net.WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string userName, string password, Guid? libraryId = null)
    {
        var token = await AntiforgeryTokenAsync(client);
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["UserName"] = userName,
            ["Password"] = password,
            ["LibraryId"] = libraryId?.ToString() ?? "",
            ["ReturnUrl"] = "/",
        };
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(form), TestContext.Current.CancellationToken);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
