/**
 * Dutch municipalities that host onshore wind power, with a centre point and an estimate of the
 * wind capacity each hosts: the generator places projects in proportion to that estimate, so the
 * simulated fleet sits where Dutch wind power actually is (Flevoland, the Groningen coast, the
 * IJsselmeer dikes, Noord-Holland's Wieringermeer, the Zeeland and Zuid-Holland delta).
 *
 * Sources (facts, not code):
 * - Names, GM codes and provinces: CBS "Gemeentelijke indeling op 1 januari 2024" (Dijk en Waard,
 *   Land van Cuijk and Voorne aan Zee as merged in 2022/23).
 * - Centre points: the municipality's main town or centroid as published in public lists derived
 *   from CBS/PDOK "gebiedsindelingen", rounded to 0.001 degree (about 100 m) and checked by hand
 *   (Eemsdelta, Het Hogeland, Hollands Kroon, Vijfheerenlanden, Molenlanden, Westerwolde and Dijk
 *   en Waard were corrected where a list placed them in a neighbouring municipality).
 * - Capacity per province: CBS StatLine 70960ned "Windenergie op land; productie en capaciteit per
 *   provincie" (2022: Flevoland 1,609 MW, Groningen 842, Fryslân 618, Drenthe 246, Overijssel 74,
 *   the Netherlands 6,185) and RVO "Monitor Wind op Land 2023" (6,816 MW end 2023, growth mainly in
 *   Flevoland: Windplan Groen and Windplan Blauw; Maasvlakte 2).
 * - The split of a province's capacity over its municipalities (`windMw`) is OUR ESTIMATE from
 *   where the large parks are (Windpark Noordoostpolder and Westermeerwind, Zeewolde, Windplan
 *   Groen/Blauw, Wieringermeer, Windpark Fryslân, Eemshaven, Delfzijl, N33, De Drentse Monden,
 *   Krammer, Goeree-Overflakkee, the Rotterdam port), not a published per-municipality table. The
 *   total is about 7.0 GW, near the 6.8-6.9 GW installed at the end of 2023/2024.
 */
export interface Municipality {
  name: string;
  /** CBS municipality code. */
  code: string;
  province: string;
  latitude: number;
  longitude: number;
  /** Estimated installed onshore wind capacity, MW (used as a weight, see above). */
  windMw: number;
}

type Row = [name: string, code: string, latitude: number, longitude: number, windMw: number];

const BY_PROVINCE: Record<string, Row[]> = {
  Flevoland: [
    ['Noordoostpolder', 'GM0171', 52.71, 5.748, 560],
    ['Dronten', 'GM0303', 52.524, 5.717, 520],
    ['Lelystad', 'GM0995', 52.508, 5.476, 420],
    ['Zeewolde', 'GM0050', 52.332, 5.545, 380],
    ['Almere', 'GM0034', 52.372, 5.222, 70],
    ['Urk', 'GM0184', 52.664, 5.602, 20],
  ],
  Groningen: [
    ['Het Hogeland', 'GM1966', 53.4, 6.6, 380],
    ['Eemsdelta', 'GM1979', 53.318, 6.88, 330],
    ['Oldambt', 'GM1895', 53.144, 7.039, 110],
    ['Midden-Groningen', 'GM1952', 53.153, 6.757, 90],
    ['Veendam', 'GM0047', 53.104, 6.878, 40],
    ['Groningen', 'GM0014', 53.219, 6.567, 15],
    ['Pekela', 'GM0765', 53.104, 7.008, 10],
    ['Westerkwartier', 'GM1969', 53.214, 6.203, 10],
    ['Stadskanaal', 'GM0037', 52.99, 6.955, 5],
    ['Westerwolde', 'GM1950', 52.99, 7.1, 5],
  ],
  Fryslân: [
    ['Súdwest-Fryslân', 'GM1900', 53.033, 5.659, 440],
    ['Waadhoeke', 'GM1949', 53.185, 5.532, 55],
    ['Noardeast-Fryslân', 'GM1970', 53.329, 5.866, 30],
    ['De Fryske Marren', 'GM1940', 52.97, 5.79, 25],
    ['Leeuwarden', 'GM0080', 53.202, 5.79, 20],
    ['Heerenveen', 'GM0074', 52.962, 5.921, 15],
    ['Harlingen', 'GM0072', 53.175, 5.418, 10],
    ['Smallingerland', 'GM0090', 53.104, 6.097, 5],
    ['Achtkarspelen', 'GM0059', 53.235, 6.143, 5],
    ['Dantumadiel', 'GM1891', 53.291, 5.995, 5],
    ['Tytsjerksteradiel', 'GM0737', 53.189, 5.99, 5],
    ['Ooststellingwerf', 'GM0085', 52.995, 6.294, 5],
    ['Weststellingwerf', 'GM0098', 52.876, 6.006, 5],
  ],
  Drenthe: [
    ['Borger-Odoorn', 'GM1681', 52.883, 6.864, 130],
    ['Aa en Hunze', 'GM1680', 53.005, 6.76, 75],
    ['Emmen', 'GM0114', 52.785, 6.892, 70],
    ['Coevorden', 'GM0109', 52.661, 6.741, 20],
    ['Midden-Drenthe', 'GM1731', 52.86, 6.516, 5],
    ['Hoogeveen', 'GM0118', 52.726, 6.475, 5],
  ],
  Overijssel: [
    ['Kampen', 'GM0166', 52.552, 5.913, 25],
    ['Zwartewaterland', 'GM1896', 52.592, 6.096, 15],
    ['Zwolle', 'GM0193', 52.503, 6.091, 10],
    ['Deventer', 'GM0150', 52.252, 6.157, 10],
    ['Dalfsen', 'GM0148', 52.502, 6.257, 10],
    ['Steenwijkerland', 'GM1708', 52.783, 6.117, 5],
    ['Hardenberg', 'GM0160', 52.574, 6.619, 5],
    ['Hengelo', 'GM0164', 52.266, 6.792, 5],
    ['Olst-Wijhe', 'GM1773', 52.385, 6.129, 5],
  ],
  Gelderland: [
    ['West Betuwe', 'GM1960', 51.882, 5.282, 45],
    ['West Maas en Waal', 'GM0668', 51.884, 5.517, 30],
    ['Buren', 'GM0214', 51.956, 5.425, 25],
    ['Lingewaard', 'GM1705', 51.89, 5.895, 20],
    ['Nijkerk', 'GM0267', 52.227, 5.483, 20],
    ['Overbetuwe', 'GM1734', 51.918, 5.845, 15],
    ['Neder-Betuwe', 'GM1740', 51.934, 5.63, 15],
    ['Bronckhorst', 'GM1876', 52.045, 6.304, 15],
    ['Oude IJsselstreek', 'GM1509', 51.878, 6.375, 15],
    ['Nijmegen', 'GM0268', 51.847, 5.866, 12],
    ['Zevenaar', 'GM0299', 51.924, 6.075, 10],
    ['Montferland', 'GM1955', 51.931, 6.134, 10],
    ['Ede', 'GM0228', 52.046, 5.675, 10],
    ['Zaltbommel', 'GM0297', 51.799, 5.257, 10],
    ['Zutphen', 'GM0301', 52.14, 6.195, 5],
    ['Tiel', 'GM0281', 51.886, 5.434, 5],
  ],
  Utrecht: [
    ['Vijfheerenlanden', 'GM1961', 51.94, 5.05, 20],
    ['Utrecht', 'GM0344', 52.09, 5.108, 12],
    ['Houten', 'GM0321', 52.034, 5.167, 10],
    ['Lopik', 'GM0331', 51.972, 4.95, 10],
    ['Nieuwegein', 'GM0356', 52.028, 5.085, 10],
    ['Stichtse Vecht', 'GM1904', 52.145, 5.033, 5],
    ['Woerden', 'GM0632', 52.079, 4.889, 5],
  ],
  'Noord-Holland': [
    ['Hollands Kroon', 'GM1911', 52.86, 4.96, 440],
    ['Medemblik', 'GM0420', 52.687, 5.028, 110],
    ['Amsterdam', 'GM0363', 52.368, 4.9, 70],
    ['Haarlemmermeer', 'GM0394', 52.302, 4.696, 40],
    ['Schagen', 'GM0441', 52.786, 4.801, 35],
    ['Zaanstad', 'GM0479', 52.438, 4.815, 15],
    ['Velsen', 'GM0453', 52.461, 4.624, 15],
    ['Den Helder', 'GM0400', 52.937, 4.753, 10],
    ['Koggenland', 'GM1598', 52.625, 4.948, 10],
    ['Texel', 'GM0448', 53.051, 4.803, 5],
    ['Drechterland', 'GM0498', 52.695, 5.178, 5],
    ['Opmeer', 'GM0432', 52.706, 4.945, 5],
    ['Enkhuizen', 'GM0388', 52.704, 5.296, 5],
    ['Alkmaar', 'GM0361', 52.635, 4.746, 5],
    ['Dijk en Waard', 'GM1980', 52.668, 4.811, 5],
  ],
  'Zuid-Holland': [
    ['Goeree-Overflakkee', 'GM1924', 51.755, 4.161, 320],
    ['Rotterdam', 'GM0599', 51.923, 4.479, 260],
    ['Hoeksche Waard', 'GM1963', 51.77, 4.461, 55],
    ['Voorne aan Zee', 'GM1992', 51.891, 4.043, 25],
    ['Nissewaard', 'GM1930', 51.848, 4.329, 15],
    ['Dordrecht', 'GM0505', 51.812, 4.661, 10],
    ['Zuidplas', 'GM1892', 51.968, 4.617, 10],
    ['Krimpenerwaard', 'GM1931', 51.973, 4.771, 10],
    ['Westland', 'GM1783', 51.994, 4.211, 5],
    ['Molenlanden', 'GM1978', 51.87, 4.84, 5],
    ['Lansingerland', 'GM1621', 51.982, 4.493, 5],
    ['Alblasserdam', 'GM0482', 51.862, 4.658, 5],
    ['Midden-Delfland', 'GM1842', 51.98, 4.319, 5],
    ['Katwijk', 'GM0537', 52.199, 4.414, 5],
    ['Gouda', 'GM0513', 52.018, 4.708, 5],
    ['Hardinxveld-Giessendam', 'GM0523', 51.824, 4.834, 5],
  ],
  Zeeland: [
    ['Schouwen-Duiveland', 'GM1676', 51.654, 3.914, 140],
    ['Borsele', 'GM0654', 51.472, 3.821, 110],
    ['Terneuzen', 'GM0715', 51.338, 3.83, 90],
    ['Tholen', 'GM0716', 51.532, 4.205, 75],
    ['Reimerswaal', 'GM0703', 51.45, 4.033, 70],
    ['Vlissingen', 'GM0718', 51.448, 3.569, 40],
    ['Hulst', 'GM0677', 51.28, 4.054, 30],
    ['Noord-Beveland', 'GM1695', 51.585, 3.747, 20],
    ['Goes', 'GM0664', 51.499, 3.886, 10],
    ['Sluis', 'GM1714', 51.326, 3.487, 10],
    ['Kapelle', 'GM0678', 51.486, 3.957, 10],
    ['Middelburg', 'GM0687', 51.498, 3.625, 5],
    ['Veere', 'GM0717', 51.56, 3.501, 5],
  ],
  'Noord-Brabant': [
    ['Moerdijk', 'GM1709', 51.642, 4.605, 90],
    ['Steenbergen', 'GM0851', 51.591, 4.315, 40],
    ['Deurne', 'GM0762', 51.464, 5.795, 35],
    ['Altena', 'GM1959', 51.771, 4.94, 25],
    ['Geertruidenberg', 'GM0779', 51.695, 4.873, 20],
    ['Drimmelen', 'GM1719', 51.677, 4.795, 20],
    ['Bergen op Zoom', 'GM0748', 51.492, 4.293, 15],
    ['Halderberge', 'GM1655', 51.588, 4.532, 15],
    ['Someren', 'GM0847', 51.386, 5.714, 15],
    ['Oss', 'GM0828', 51.765, 5.526, 15],
    ['Land van Cuijk', 'GM1982', 51.715, 5.825, 15],
    ['Woensdrecht', 'GM0873', 51.423, 4.326, 10],
    ['Roosendaal', 'GM1674', 51.536, 4.457, 10],
    ['Oosterhout', 'GM0826', 51.639, 4.862, 10],
    ['Zundert', 'GM0879', 51.473, 4.664, 10],
    ['Asten', 'GM0743', 51.404, 5.745, 10],
    ['Tilburg', 'GM0855', 51.561, 5.078, 10],
    ['Bernheze', 'GM1721', 51.735, 5.527, 10],
    ['Meierijstad', 'GM1948', 51.614, 5.546, 10],
    ['Gemert-Bakel', 'GM1652', 51.554, 5.683, 10],
    ['Waalwijk', 'GM0867', 51.692, 5.066, 10],
    ['Breda', 'GM0758', 51.587, 4.783, 5],
  ],
  Limburg: [
    ['Nederweert', 'GM0946', 51.283, 5.749, 20],
    ['Peel en Maas', 'GM1894', 51.33, 5.979, 20],
    ['Weert', 'GM0988', 51.251, 5.704, 15],
    ['Horst aan de Maas', 'GM1507', 51.454, 6.053, 15],
    ['Venray', 'GM0984', 51.529, 5.976, 15],
    ['Venlo', 'GM0983', 51.367, 6.164, 10],
    ['Leudal', 'GM1640', 51.25, 5.906, 5],
    ['Maasgouw', 'GM1641', 51.147, 5.893, 5],
    ['Echt-Susteren', 'GM1711', 51.103, 5.872, 5],
    ['Sittard-Geleen', 'GM1883', 50.995, 5.869, 5],
  ],
};

export const MUNICIPALITIES: readonly Municipality[] = Object.entries(BY_PROVINCE).flatMap(
  ([province, rows]) =>
    rows.map(([name, code, latitude, longitude, windMw]) => ({
      name,
      code,
      province,
      latitude,
      longitude,
      windMw,
    })),
);

/**
 * A box around the European Netherlands (Cadzand 3.36 E to Bad Nieuweschans 7.23 E, Vaals 50.75 N
 * to Rottumeroog 53.56 N), used to keep generated and loaded projects on the map.
 */
export const NETHERLANDS_BOUNDS = {
  minLatitude: 50.75,
  maxLatitude: 53.56,
  minLongitude: 3.35,
  maxLongitude: 7.23,
} as const;
