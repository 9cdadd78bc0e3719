using MediaBib.Domain.Catalog;
using MediaBib.Domain.Circulation;
using MediaBib.Domain.Common;
using MediaBib.Domain.Holds;
using MediaBib.Domain.Items;
using MediaBib.Domain.Patrons;
using MediaBib.Domain.Sites;

namespace MediaBib.Domain.Tests.Builders;

/// <summary>Fixed instants and places shared by the rule tests.</summary>
public static class World
{
    /// <summary>Tuesday 3 March 2026, 10:00 UTC (11:00 in Paris).</summary>
    public static readonly DateTime Now = new(2026, 3, 3, 10, 0, 0, DateTimeKind.Utc);

    public static readonly DateOnly Today = new(2026, 3, 3);

    public static readonly Guid Centre = Guid.CreateVersion7();

    public static readonly Guid Annexe = Guid.CreateVersion7();

    public static readonly Guid Record = Guid.CreateVersion7();

    public static readonly ItemType Book = new("LIVRE", "Livre");

    public static readonly ItemType Dvd = new("DVD", "DVD");

    public static readonly PatronCategory Adult = new("ADULTE", "Adulte");

    /// <summary>Open Tuesday to Saturday: Sunday and Monday are closed.</summary>
    public static LibraryCalendar TuesdayToSaturday(params DateOnly[] closed) => new(
        new[] { DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday }
            .Select(d => new OpeningHours(d, new TimeOnly(10, 0), new TimeOnly(18, 0))),
        closed);

    public static CirculationPolicy Policy(CirculationRuleValues? values = null) =>
        CirculationPolicy.Resolve(values is null ? [] : [new CirculationRule(null, null, null, values)], Centre, Adult, Book.Id);

    public static CirculationPolicy ItemPolicy(CirculationRuleValues? values = null) =>
        CirculationPolicy.Resolve(values is null ? [] : [new CirculationRule(null, null, null, values)], Centre, null, Book.Id);
}

public sealed class PatronBuilder
{
    private DateOnly _expiresOn = World.Today.AddYears(1);
    private string? _block;
    private DateOnly? _suspendedUntil;
    private decimal _balance;

    public PatronBuilder Expired()
    {
        _expiresOn = World.Today.AddDays(-1);
        return this;
    }

    public PatronBuilder Blocked(string reason = "Comportement")
    {
        _block = reason;
        return this;
    }

    public PatronBuilder SuspendedUntil(DateOnly until)
    {
        _suspendedUntil = until;
        return this;
    }

    public PatronBuilder Owing(decimal balance)
    {
        _balance = balance;
        return this;
    }

    public Patron Build()
    {
        var patron = new Patron(World.Centre, World.Adult.Id, CardNumber.From("C" + Guid.NewGuid().ToString("N")[..10]), "Marie", "Dupont", _expiresOn);
        if (_block is not null)
        {
            patron.Block(_block);
        }

        if (_suspendedUntil is { } until)
        {
            patron.SuspendUntil(until);
        }

        patron.SetBalance(_balance);
        return patron;
    }
}

public sealed class ItemBuilder
{
    private Guid _home = World.Centre;
    private ItemType _type = World.Book;
    private decimal? _price;
    private bool _notForLoan;
    private ItemStatus _status = ItemStatus.Available;

    public ItemBuilder HomeAt(Guid library)
    {
        _home = library;
        return this;
    }

    public ItemBuilder OfType(ItemType type)
    {
        _type = type;
        return this;
    }

    public ItemBuilder Priced(decimal price)
    {
        _price = price;
        return this;
    }

    public ItemBuilder NotForLoan()
    {
        _notForLoan = true;
        return this;
    }

    public ItemBuilder WithStatus(ItemStatus status)
    {
        _status = status;
        return this;
    }

    public Item Build()
    {
        var item = new Item(World.Record, _home, _type.Id, Barcode.From("B" + Guid.NewGuid().ToString("N")[..10]));
        item.Describe(null, null, _price, null, null);
        item.SetNotForLoan(_notForLoan);
        if (_status != ItemStatus.Available)
        {
            item.SetStatus(_status, World.Now.AddDays(-30));
        }

        return item;
    }
}

public static class HoldMaker
{
    public static Hold For(Patron patron, Guid pickup, DateTime? requestedAt = null, Item? item = null) =>
        new(World.Record, patron.Id, pickup, requestedAt ?? World.Now.AddDays(-10), item?.Id);

    public static Hold Waiting(Patron patron, Item item, Guid pickup)
    {
        var hold = For(patron, pickup);
        hold.MarkWaiting(item.Id, World.Now.AddDays(-1), World.Today.AddDays(6));
        return hold;
    }
}

public static class Loans
{
    public static OpenLoanInfo Open(Item item, DateTime? dueAt = null, bool onSite = false) =>
        new(Guid.CreateVersion7(), item.Id, item.ItemTypeId, dueAt ?? World.Now.AddDays(10), onSite);

    public static Loan Of(Item item, Patron patron, DateTime dueAt, DateTime? checkedOutAt = null) =>
        new(item.Id, patron.Id, World.Centre, checkedOutAt ?? dueAt.AddDays(-21), dueAt);
}
