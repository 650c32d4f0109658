package dev.spikeforge.boards.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spikeforge.boards.Family;
import dev.spikeforge.golden.json.JsonMappers;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cell counts of a synthesised design, from Yosys' {@code stat -json} (the {@code design} section:
 * the whole hierarchy, flattened by synthesis), and the resource figures each family derives from
 * them. Which cells count as what is written out in {@link #resources}.
 *
 * @param cells cell type → count, sorted by type
 */
public record YosysStat(Map<String, Long> cells) {
  private static final ObjectMapper JSON = JsonMappers.compact();

  public YosysStat {
    cells = Collections.unmodifiableMap(new TreeMap<>(cells));
  }

  /**
   * Parses the output of {@code stat -json}.
   *
   * @throws IllegalArgumentException if it is not such output
   */
  public static YosysStat parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("yosys stat output is not JSON: " + e.getOriginalMessage());
    }
    JsonNode byType = root == null ? null : root.path("design").get("num_cells_by_type");
    if (byType == null || !byType.isObject()) {
      throw new IllegalArgumentException("yosys stat output has no design.num_cells_by_type");
    }
    Map<String, Long> cells = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = byType.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().canConvertToLong()) {
        throw new IllegalArgumentException("yosys stat: count of " + e.getKey() + " is not an integer");
      }
      cells.put(e.getKey(), e.getValue().asLong());
    }
    return new YosysStat(cells);
  }

  /** Count of cells of exactly this type (0 if none). */
  public long count(String type) {
    return cells.getOrDefault(type, 0L);
  }

  /** Sum over cell types starting with {@code prefix}. */
  public long countPrefix(String prefix) {
    long n = 0;
    for (Map.Entry<String, Long> e : cells.entrySet()) {
      if (e.getKey().startsWith(prefix)) {
        n += e.getValue();
      }
    }
    return n;
  }

  /**
   * The design's resources on a family. How cells are counted:
   * <ul>
   *   <li>iCE40: LUTs = SB_LUT4; FFs = SB_DFF*; block RAM = SB_RAM40_4K*; SPRAM = SB_SPRAM256KA;
   *       DSP = SB_MAC16; carry = SB_CARRY (shares a logic cell with a LUT).</li>
   *   <li>ECP5: LUTs = LUT4 + 2 per CCU2C (a carry cell is two LUT4s) + 4 per TRELLIS_DPR16X4
   *       (distributed RAM); FFs = TRELLIS_FF; block RAM = DP16KD; DSP = MULT18X18D.</li>
   *   <li>7-series: LUTs = LUT1..LUT6 + LUTs used as memory (RAM32M/RAM64M 4, RAM*X1D 2,
   *       RAM*X1S 1, SRL16E/SRLC32E 1); FFs = FD*; block RAM in RAMB36 = RAMB36E1 + RAMB18E1 / 2
   *       rounded up; DSP = DSP48E1; carry = CARRY4. Yosys' INV cells are not counted: Vivado folds
   *       them into the neighbouring LUT or flip-flop (they stay listed among the cells).</li>
   * </ul>
   * Every family's synthesis flattens the design, so the {@code design} section covers it all.
   */
  public Resources resources(Family family) {
    return switch (family) {
      case ICE40 -> new Resources(count("SB_LUT4"), countPrefix("SB_DFF"), countPrefix("SB_RAM40_4K"),
          count("SB_SPRAM256KA"), count("SB_MAC16"), count("SB_CARRY"));
      case ECP5 -> new Resources(count("LUT4") + 2 * count("CCU2C") + 4 * count("TRELLIS_DPR16X4"),
          count("TRELLIS_FF"), count("DP16KD"), 0, count("MULT18X18D"), count("CCU2C"));
      case XC7 -> new Resources(
          countPrefix("LUT") + 4 * (count("RAM32M") + count("RAM64M") + count("RAM128X1D") + count("RAM256X1S"))
              + 2 * (count("RAM32X1D") + count("RAM64X1D") + count("RAM128X1S")) + count("RAM32X1S")
              + count("RAM64X1S") + count("SRL16E") + count("SRLC32E"),
          countPrefix("FD"), count("RAMB36E1") + (count("RAMB18E1") + 1) / 2, 0, count("DSP48E1"),
          count("CARRY4"));
    };
  }

  /**
   * Resources of one design on one family.
   *
   * @param luts       LUTs of the family's size (LUT4 or LUT6), including carry and memory use
   * @param flipFlops  fabric flip-flops
   * @param blockRams  block RAMs in the part's unit (see {@link dev.spikeforge.boards.Part#blockRams})
   * @param sprams     SPRAM blocks (iCE40 UP only)
   * @param dsps       multiplier/DSP blocks
   * @param carries    carry cells (iCE40 SB_CARRY, ECP5 CCU2C, 7-series CARRY4), informative
   */
  public record Resources(long luts, long flipFlops, long blockRams, long sprams, long dsps, long carries) {}
}
