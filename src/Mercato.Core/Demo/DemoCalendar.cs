using System.Globalization;

namespace Mercato.Core.Demo;

/// <summary>A (channel, campaign) pair that draws touchpoints on the days it runs.</summary>
internal sealed class DemoSlot(int index, int channel, string? campaign, decimal costMultiplier, int firstDay)
{
    public int Index { get; } = index;

    public int Channel { get; } = channel;

    public string? Campaign { get; } = campaign;

    /// <summary>Multiplies the channel's cost per touch: auctions are dearer in shopping festivals and launches.</summary>
    public decimal CostMultiplier { get; } = costMultiplier;

    public int FirstDay { get; } = firstDay;

    public int LastDay { get; set; } = firstDay;
}

/// <summary>Which channel mix a touch is drawn from.</summary>
internal enum MixMode
{
    /// <summary>The first touch of an acquisition journey.</summary>
    AcquisitionFirst = 0,

    /// <summary>A later touch of an acquisition journey.</summary>
    AcquisitionLater = 1,

    /// <summary>Any touch of a repeat journey of an existing customer.</summary>
    Repeat = 2,
}

/// <summary>
/// The demo company's year: the twelve months of the window, the campaigns running on each day, the daily channel mix
/// (touch shares per slot, which drive both touchpoints and spend), the daily arrival weight of new users, and the month
/// factors of the crisis. Seasonal events (festivals, exhibitions, health days, seasons) follow the calendar, so every
/// twelve-month window holds each once, cut where it straddles the window's edge; the one-off events are placed in the
/// window: the product launch in its third month, the crisis in its eighth, the relaunch right after the crisis.
/// </summary>
internal sealed class DemoCalendar
{
    public const int SecondsPerDay = 86_400;

    /// <summary>Days before the window on which users also arrive, so that the first month is not empty of journeys.</summary>
    public const int WarmUpDays = 30;

    // Seasonality of new users by calendar month: Chinese New Year lull in February, 618 in June, Double 11 in November,
    // the winter respiratory season in December and January.
    private static readonly double[] MonthSeason = [1.10, 0.80, 1.00, 0.98, 0.95, 1.12, 0.92, 0.90, 0.97, 1.02, 1.20, 1.08];

    // Activity by hour of day in China (UTC+8): morning, afternoon, and the evening peak.
    private static readonly double[] LocalHourWeight =
    [
        0.6, 0.3, 0.2, 0.15, 0.15, 0.25, 0.6, 1.2, 2.0, 2.6, 2.8, 2.7,
        2.6, 2.7, 2.8, 2.8, 2.6, 2.5, 2.8, 3.4, 3.8, 3.9, 3.2, 1.8,
    ];

    /// <summary>The window month (0 to 11) of the rumoured product recall: late enough to show a normal year before it,
    /// early enough to show the recovery after it.</summary>
    public const int CrisisMonthIndex = 7;

    /// <summary>The window month of the product launch of the year.</summary>
    public const int LaunchMonthIndex = 2;

    private readonly List<DemoSlot> slots = [];
    private readonly Dictionary<(int Channel, string? Campaign), int> slotIndex = [];
    private readonly List<(int Slot, double First, double Later, double Repeat)> pending = [];
    private readonly int[] dayOffset;
    private readonly int[] entrySlot;
    private readonly double[][] cumulative;
    private readonly double[] hourCumulative = new double[24];
    private readonly int launchStart;
    private readonly int relaunchStart;

    public DemoCalendar(YearMonth lastMonth)
    {
        if (lastMonth.Month is < 1 or > 12 || lastMonth.Year is < 1971 or > 9998)
        {
            throw new ArgumentOutOfRangeException(nameof(lastMonth), lastMonth, "The last month must be a valid month after 1970.");
        }

        FirstMonth = lastMonth.AddMonths(-11);
        LastMonth = lastMonth;
        var first = FirstMonth.FirstDay;
        var endExclusive = lastMonth.AddMonths(1).FirstDay;
        Days = endExclusive.DayNumber - first.DayNumber;
        WindowStart = UnixSeconds(first);
        WindowEnd = UnixSeconds(endExclusive);

        Months = new YearMonth[12];
        MonthStart = new long[13];
        MonthFactor = new double[12];
        for (var m = 0; m < 12; m++)
        {
            Months[m] = FirstMonth.AddMonths(m);
            MonthStart[m] = UnixSeconds(Months[m].FirstDay);
            MonthFactor[m] = m switch
            {
                CrisisMonthIndex => 0.55,
                CrisisMonthIndex + 1 => 0.85,
                _ => 1.0,
            };
        }

        MonthStart[12] = WindowEnd;
        CrisisMonth = Months[CrisisMonthIndex];
        LaunchMonth = Months[LaunchMonthIndex];
        launchStart = LaunchMonth.FirstDay.DayNumber + 2 - first.DayNumber;
        relaunchStart = CrisisMonth.AddMonths(1).FirstDay.DayNumber + 9 - first.DayNumber;
        DayMonth = new int[Days];
        ArrivalWeight = new double[Days];
        dayOffset = new int[Days + 1];
        var slotsOfDays = new List<int>();
        var weights = new List<(double First, double Later, double Repeat)>();
        for (var d = 0; d < Days; d++)
        {
            var date = first.AddDays(d);
            DayMonth[d] = (date.Year - FirstMonth.Year) * 12 + date.Month - FirstMonth.Month;
            ArrivalWeight[d] = PlanDay(date, d);
            dayOffset[d] = slotsOfDays.Count;
            foreach (var (slot, a, b, c) in pending)
            {
                slotsOfDays.Add(slot);
                weights.Add((a, b, c));
            }

            pending.Clear();
        }

        dayOffset[Days] = slotsOfDays.Count;
        entrySlot = slotsOfDays.ToArray();
        cumulative = new double[3][];
        for (var mode = 0; mode < 3; mode++)
        {
            cumulative[mode] = new double[entrySlot.Length];
            for (var d = 0; d < Days; d++)
            {
                Normalize(weights, mode, dayOffset[d], dayOffset[d + 1], cumulative[mode]);
            }
        }

        var total = 0.0;
        foreach (var w in LocalHourWeight)
        {
            total += w;
        }

        var running = 0.0;
        for (var utcHour = 0; utcHour < 24; utcHour++)
        {
            running += LocalHourWeight[(utcHour + 8) % 24];
            hourCumulative[utcHour] = running / total;
        }

        hourCumulative[23] = 1.0;
    }

    public YearMonth FirstMonth { get; }

    public YearMonth LastMonth { get; }

    /// <summary>The crisis month: the window's eighth month.</summary>
    public YearMonth CrisisMonth { get; }

    public int Days { get; }

    /// <summary>The month the BP monitor X3 launches: the window's third month.</summary>
    public YearMonth LaunchMonth { get; }

    /// <summary>Unix seconds of the window's first instant.</summary>
    public long WindowStart { get; }

    /// <summary>Unix seconds of the first instant after the window.</summary>
    public long WindowEnd { get; }

    public YearMonth[] Months { get; }

    /// <summary>Unix seconds of the start of each month, and of the window's end at index 12.</summary>
    public long[] MonthStart { get; }

    /// <summary>
    /// Multiplies the base probability and every lift of journeys that end in the month: 0.55 in the crisis month, 0.85
    /// in the month after it (trust recovering), 1 otherwise.
    /// </summary>
    public double[] MonthFactor { get; }

    /// <summary>The month index (0 to 11) of each day.</summary>
    public int[] DayMonth { get; }

    /// <summary>Relative number of new users arriving on each day.</summary>
    public double[] ArrivalWeight { get; }

    public IReadOnlyList<DemoSlot> Slots => slots;

    public DateOnly DateOf(int day) => FirstMonth.FirstDay.AddDays(day);

    public long DayStart(int day) => WindowStart + ((long)day * SecondsPerDay);

    /// <summary>The month index of an instant inside the window.</summary>
    public int MonthOf(long seconds)
    {
        var day = (int)((seconds - WindowStart) / SecondsPerDay);
        return DayMonth[Math.Clamp(day, 0, Days - 1)];
    }

    /// <summary>The indexes of the slots running on a day, in plan order.</summary>
    public ReadOnlySpan<int> SlotsOn(int day) => entrySlot.AsSpan(dayOffset[day], dayOffset[day + 1] - dayOffset[day]);

    /// <summary>Draws the slot of a touch on a day from that day's mix; <paramref name="u"/> is uniform in [0, 1).</summary>
    public DemoSlot Sample(int day, MixMode mode, double u)
    {
        var cum = cumulative[(int)mode];
        var end = dayOffset[day + 1] - 1;
        var i = dayOffset[day];
        while (i < end && u >= cum[i])
        {
            i++;
        }

        return slots[entrySlot[i]];
    }

    /// <summary>The hour-of-day weight in China of a UTC hour, over the mean hour's (1 on average).</summary>
    public static double HourWeight(int utcHour) => LocalHourWeight[(utcHour + 8) % 24] * 24 / LocalHourWeight.Sum();

    /// <summary>A second of the UTC day drawn from the hour-of-day pattern in China.</summary>
    public int SecondOfDay(DemoRandom rng)
    {
        var u = rng.NextDouble();
        var hour = 0;
        while (hour < 23 && u >= hourCumulative[hour])
        {
            hour++;
        }

        return (hour * 3600) + rng.Next(3600);
    }

    /// <summary>
    /// Splits <paramref name="total"/> users over the window's days in proportion to the arrival weights, and adds users
    /// at the same rate on the <see cref="WarmUpDays"/> days before the window (weighted like the window's last days, the
    /// same dates a year later), whose journeys are under way when the window opens. Index 0 is the first warm-up day.
    /// </summary>
    public int[] Apportion(int total)
    {
        var sum = 0.0;
        foreach (var w in ArrivalWeight)
        {
            sum += w;
        }

        var counts = new int[WarmUpDays + Days];
        var running = 0.0;
        var assigned = 0;
        for (var d = -WarmUpDays; d < 0; d++)
        {
            running += ArrivalWeight[Days + d];
            var upTo = (int)Math.Round(total * (running / sum), MidpointRounding.AwayFromZero);
            counts[WarmUpDays + d] = upTo - assigned;
            assigned = upTo;
        }

        running = 0.0;
        assigned = 0;
        for (var d = 0; d < Days; d++)
        {
            running += ArrivalWeight[d];
            var upTo = d == Days - 1 ? total : (int)Math.Round(total * (running / sum), MidpointRounding.AwayFromZero);
            counts[WarmUpDays + d] = upTo - assigned;
            assigned = upTo;
        }

        return counts;
    }

    public static long UnixSeconds(DateOnly date) => (date.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber) * (long)SecondsPerDay;

    private static void Normalize(List<(double First, double Later, double Repeat)> weights, int mode, int from, int to, double[] cum)
    {
        var total = 0.0;
        var lastPositive = from;
        for (var i = from; i < to; i++)
        {
            var w = Weight(weights[i], mode);
            total += w;
            if (w > 0)
            {
                lastPositive = i;
            }
        }

        var running = 0.0;
        for (var i = from; i < to; i++)
        {
            running += Weight(weights[i], mode);
            cum[i] = i >= lastPositive ? 1.0 : running / total;
        }
    }

    private static double Weight((double First, double Later, double Repeat) w, int mode) =>
        mode switch { 0 => w.First, 1 => w.Later, _ => w.Repeat };

    private static bool Between(DateOnly date, int fromMonth, int fromDay, int toMonth, int toDay)
    {
        var x = (date.Month * 100) + date.Day;
        var a = (fromMonth * 100) + fromDay;
        var b = (toMonth * 100) + toDay;
        return a <= b ? x >= a && x <= b : x >= a || x <= b;
    }

    // The campaign code of a yearly event carries the year the event started (a winter season that starts in December
    // and runs into January is one campaign).
    private static string Yearly(string code, DateOnly date, int fromMonth, int fromDay)
    {
        var year = (date.Month * 100) + date.Day >= (fromMonth * 100) + fromDay ? date.Year : date.Year - 1;
        return string.Create(CultureInfo.InvariantCulture, $"{code}-{year:D4}");
    }

    private static bool IsLiveDay(DateOnly date) =>
        date.Day is 5 or 12 or 19 or 26 || (date.Month == 6 && date.Day == 18) || (date.Month == 11 && date.Day == 11);

    /// <summary>Adds the day's slots with their touch weights (first touch, later touch, repeat) and returns the arrival weight.</summary>
    private double PlanDay(DateOnly date, int day)
    {
        var boost = 1.0;

        // Always on.
        Add(day, DemoCatalog.BaiduSem, "sem-brand", 1.0m, 4, 6, 4);
        Add(day, DemoCatalog.BaiduSem, "sem-generic", 1.0m, 7, 4, 1);
        Add(day, DemoCatalog.DouyinAds, "douyin-feed", 1.0m, 20, 12, 5);
        Add(day, DemoCatalog.Kol, "kol-doctor-talks", 1.0m, 5, 4, 2);
        Add(day, DemoCatalog.WechatOfficial, null, 1.0m, 5, 8, 14);
        Add(day, DemoCatalog.Content, "health-topics", 1.0m, 9, 7, 5);
        Add(day, DemoCatalog.Email, "crm-newsletter", 1.0m, 0, 1.5, 22);
        Add(day, DemoCatalog.AppStore, "aso-brand", 1.0m, 4, 5, 2);
        Add(day, DemoCatalog.Pr, null, 1.0m, 3, 2, 1);
        Add(day, DemoCatalog.StaffReferral, "all-staff-referral", 1.0m, 2.5, 1, 0.3);
        Add(day, DemoCatalog.Direct, null, 1.0m, 2, 12, 18);

        // Monthly live streams: four evenings a month, plus the 618 and Double 11 specials.
        if (IsLiveDay(date))
        {
            var code = string.Create(CultureInfo.InvariantCulture, $"live-{date.Year:D4}-{date.Month:D2}");
            Add(day, DemoCatalog.Livestream, code, 1.0m, 30, 25, 60);
            boost += 0.10;
        }

        // Winter respiratory season: nebulizers and oximeters.
        if (Between(date, 12, 1, 1, 31))
        {
            var code = Yearly("winter-respiratory-care", date, 12, 1);
            Add(day, DemoCatalog.Content, code, 1.0m, 4, 3, 2);
            Add(day, DemoCatalog.BaiduSem, code, 1.1m, 3, 2, 1);
        }

        // Chinese New Year: a blood-pressure monitor as a gift for the parents.
        if (Between(date, 1, 5, 2, 5))
        {
            var code = Yearly("cny-gift-for-parents", date, 1, 5);
            Add(day, DemoCatalog.DouyinAds, code, 1.15m, 8, 5, 2);
            Add(day, DemoCatalog.Kol, code, 1.0m, 4, 3, 1);
        }

        // The product launch of the year: six weeks, from the third day of the launch month.
        if (day >= launchStart && day < launchStart + 44)
        {
            const string code = "bp-monitor-x3-launch";
            Add(day, DemoCatalog.BaiduSem, code, 1.1m, 5, 4, 2);
            Add(day, DemoCatalog.DouyinAds, code, 1.2m, 12, 6, 3);
            Add(day, DemoCatalog.Kol, code, 1.0m, 8, 5, 2);
            Add(day, DemoCatalog.Pr, code, 1.0m, 4, 2, 1);
            Add(day, DemoCatalog.AppStore, code, 1.0m, 2, 2, 1);
            Add(day, DemoCatalog.Email, code, 1.0m, 0, 1, 6);
            if (day < launchStart + 14)
            {
                boost += 0.25;
            }
        }

        // CMEF, the China medical equipment fair: spring in Shanghai, autumn in Shenzhen.
        if (Between(date, 4, 11, 4, 14))
        {
            var code = Yearly("cmef-spring", date, 4, 11);
            Add(day, DemoCatalog.Exhibition, code, 1.0m, 40, 25, 0);
            Add(day, DemoCatalog.Pr, code, 1.0m, 2, 1, 0);
            boost += 0.10;
        }

        if (Between(date, 10, 12, 10, 15))
        {
            var code = Yearly("cmef-autumn", date, 10, 12);
            Add(day, DemoCatalog.Exhibition, code, 1.0m, 40, 25, 0);
            Add(day, DemoCatalog.Pr, code, 1.0m, 2, 1, 0);
            boost += 0.10;
        }

        // World Hypertension Day (17 May).
        if (Between(date, 5, 10, 5, 20))
        {
            var code = Yearly("world-hypertension-day", date, 5, 10);
            Add(day, DemoCatalog.Content, code, 1.0m, 6, 4, 3);
            Add(day, DemoCatalog.WechatOfficial, code, 1.0m, 3, 3, 3);
        }

        // The 618 shopping festival.
        if (Between(date, 6, 1, 6, 18))
        {
            var code = Yearly("618-promo", date, 6, 1);
            Add(day, DemoCatalog.DouyinAds, code, 1.3m, 14, 8, 4);
            Add(day, DemoCatalog.Kol, code, 1.0m, 6, 4, 2);
            Add(day, DemoCatalog.AppStore, code, 1.2m, 3, 3, 1);
            Add(day, DemoCatalog.Email, code, 1.0m, 0, 2, 10);
            Add(day, DemoCatalog.BaiduSem, code, 1.2m, 3, 3, 2);
            boost += 0.35;
        }

        // The crisis: a rumoured recall of the nebulizer spreads on social media; PR and the official account respond.
        if (DayMonth[day] == CrisisMonthIndex)
        {
            const string code = "recall-rumour-response";
            Add(day, DemoCatalog.Pr, code, 1.0m, 4, 4, 3);
            Add(day, DemoCatalog.WechatOfficial, code, 1.0m, 3, 3, 5);
            boost *= 0.85;
        }

        // Relaunch after the crisis: a month from the tenth day of the month after it.
        if (day >= relaunchStart && day < relaunchStart + 31)
        {
            const string code = "oximeter-o2-launch";
            Add(day, DemoCatalog.BaiduSem, code, 1.1m, 3, 3, 1);
            Add(day, DemoCatalog.DouyinAds, code, 1.2m, 8, 4, 2);
            Add(day, DemoCatalog.Kol, code, 1.0m, 5, 3, 1);
            Add(day, DemoCatalog.Pr, code, 1.0m, 2, 1, 0);
            if (day < relaunchStart + 14)
            {
                boost += 0.15;
            }
        }

        // Double 11.
        if (Between(date, 10, 20, 11, 11))
        {
            var code = Yearly("double11-promo", date, 10, 20);
            Add(day, DemoCatalog.DouyinAds, code, 1.35m, 16, 9, 5);
            Add(day, DemoCatalog.Kol, code, 1.0m, 7, 4, 2);
            Add(day, DemoCatalog.BaiduSem, code, 1.2m, 4, 4, 2);
            Add(day, DemoCatalog.AppStore, code, 1.2m, 3, 3, 1);
            Add(day, DemoCatalog.Email, code, 1.0m, 0, 2, 12);
            boost += 0.45;
        }

        var weekday = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 1.08 : 0.97;
        return MonthSeason[date.Month - 1] * weekday * boost;
    }

    private void Add(int day, int channel, string? campaign, decimal costMultiplier, double first, double later, double repeat)
    {
        if (!slotIndex.TryGetValue((channel, campaign), out var index))
        {
            index = slots.Count;
            slotIndex.Add((channel, campaign), index);
            slots.Add(new DemoSlot(index, channel, campaign, costMultiplier, day));
        }

        slots[index].LastDay = day;
        pending.Add((index, first, later, repeat));
    }
}
