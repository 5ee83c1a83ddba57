namespace Orleans.Jobs.Samples.OfflineStores;

/// <summary>The ten offline stores of the seed's test dataset, and the same split into three files.</summary>
public static class SeedOfflineStores
{
    /// <summary>The stores, as the seed lists them.</summary>
    public static IReadOnlyList<OfflineStore> All { get; } =
    [
        new() { Id = "7651b3f5-5d5d-4e32-a651-7b47c029ce8f", Name = "Shop Emporium", Location = "New York City" },
        new() { Id = "a6cbf16e-f9d9-4c27-b2b2-11c8d7d68ddc", Name = "WooCommerce World", Location = "London" },
        new() { Id = "f42a8c78-40fc-4611-b3b3-b54c63eb068a", Name = "BigCommerce Bazaar", Location = "Paris" },
        new() { Id = "7d04b3f3-8861-433f-8e7e-02cda2f7d19e", Name = "Magento Market", Location = "Tokyo" },
        new() { Id = "4f4ca1aa-835e-4a26-8d1b-29c2b7d5b5e2", Name = "Squarespace Square", Location = "San Francisco" },
        new() { Id = "92652336-5f2a-4760-a6e3-3e1a6a1bb8ec", Name = "Volusion Village", Location = "Sydney" },
        new() { Id = "efb4e0bf-48e8-4d9c-9ce2-6a5574668d34", Name = "PrestaShop Place", Location = "Berlin" },
        new() { Id = "e50b90c1-8f7f-44e6-ae7b-b2c63e585f61", Name = "3dcart Corner", Location = "Toronto" },
        new() { Id = "48c9a384-57d7-44a6-a086-614d2c414138", Name = "OpenCart Outlet", Location = "Moscow" },
        new() { Id = "c13c6b17-b6c8-45d2-a270-98f9327b9c63", Name = "Weebly World", Location = "Hong Kong" },
    ];

    /// <summary>The stores split into three files (4, 3 and 3 stores), named in upload order.</summary>
    public static IReadOnlyList<(string Name, IReadOnlyList<OfflineStore> Stores)> Files { get; } =
    [
        ("quickstart_offlinestores_1.json", [.. All.Take(4)]),
        ("quickstart_offlinestores_2.json", [.. All.Skip(4).Take(3)]),
        ("quickstart_offlinestores_3.json", [.. All.Skip(7)]),
    ];
}
