using MediaBib.Infrastructure.Catalog.Editing;
using Microsoft.Extensions.Caching.Memory;

namespace MediaBib.Web.Components.Catalogue.Editor;

/// <summary>A record handed to the editor before it is saved (a copy-cataloguing result), and where it came from.</summary>
public sealed record EditorDraft(MarcDraft Marc, string Source);

/// <summary>
/// Records on their way to the editor: the copy-cataloguing page puts one here and opens the editor with its key.
/// Kept in memory for 30 minutes on this node (sessions are sticky) and taken once; nothing is saved until the
/// cataloguer saves in the editor.
/// </summary>
public sealed class EditorDrafts(IMemoryCache cache)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    public string Put(EditorDraft draft)
    {
        var key = Guid.NewGuid().ToString("N");
        cache.Set(CacheKey(key), draft, Lifetime);
        return key;
    }

    public EditorDraft? Take(string? key)
    {
        if (key is null || !cache.TryGetValue(CacheKey(key), out EditorDraft? draft))
        {
            return null;
        }

        cache.Remove(CacheKey(key));
        return draft;
    }

    private static string CacheKey(string key) => "editor-draft:" + key;
}
