// From CampaignQueriesTests: the approval of a kit is the campaigns use case's (port it there).
    [Fact]
    public void ApproveKit_RecordsWhoAndWhen_AndRefusesAnEmptyKit()
    {
        var store = new CampaignStore(Store);
        Assert.True(store.SaveCampaign(Expo with { Unit = "brand" }).Saved);
        Assert.True(store.SaveCampaign(Bp with { Kit = new ContentKit(["BP is here"], []) }).Saved);

        var empty = store.ApproveKit("expo", "cmo", Start);
        var approved = store.ApproveKit("bp", "cmo", Start);

        Assert.Equal(LifecycleCodes.EmptyKit, empty!.Refusal!.Code);
        Assert.Null(store.Campaign("expo")!.Kit.ApprovedBy);
        Assert.Equal("cmo", store.Campaign("bp")!.Kit.ApprovedBy);
        Assert.Equal(Start, store.Campaign("bp")!.Kit.ApprovedAt);
        Assert.NotNull(approved!.Campaign);
        Assert.Null(store.ApproveKit("ghost", "cmo", Start));
    }
