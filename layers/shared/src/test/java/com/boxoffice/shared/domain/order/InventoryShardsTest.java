package com.boxoffice.shared.domain.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class InventoryShardsTest {

  @Test
  void aTypeGetsOneShardPerTwoHundredFiftySeatsUpToFortyEight() {
    assertThat(InventoryShards.countFor(0)).isEqualTo(1);
    assertThat(InventoryShards.countFor(250)).isEqualTo(1);
    assertThat(InventoryShards.countFor(251)).isEqualTo(2);
    assertThat(InventoryShards.countFor(10_000)).isEqualTo(40);
    assertThat(InventoryShards.countFor(1_000_000)).isEqualTo(InventoryShards.MAX);
  }

  @Test
  void theCapacityIsSplitEvenlyWithTheRemainderOnTheFirstShards() {
    assertThat(InventoryShards.split(10, 4)).containsExactly(3, 3, 2, 2);
    assertThat(InventoryShards.split(3, 4)).containsExactly(1, 1, 1, 0);
    assertThatThrownBy(() -> InventoryShards.split(3, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aTakeStartsOnItsShardAndWalksRoundToTheFirstThatHasEverySeat() {
    assertThat(InventoryShards.take(2, new int[] {5, 5, 5}, 1)).contains(Map.of(1, 2));
    assertThat(InventoryShards.take(2, new int[] {5, 1, 0}, 1)).contains(Map.of(0, 2));
    assertThat(InventoryShards.take(1, new int[] {0, 0, 0, 1}, 0)).contains(Map.of(3, 1));
  }

  @Test
  void whenNoShardHasEverySeatTheyComeFromSeveralAndOnlyTooFewTogetherIsSoldOut() {
    assertThat(InventoryShards.take(3, new int[] {1, 2, 0, 1}, 0)).contains(Map.of(0, 1, 1, 2));
    assertThat(InventoryShards.take(3, new int[] {1, 0, 1, 1}, 2)).contains(Map.of(2, 1, 3, 1, 0, 1));
    assertThat(InventoryShards.take(4, new int[] {1, 0, 1, 1}, 0)).isEmpty();
    assertThat(InventoryShards.take(1, new int[] {0, 0, 0, 0}, 3)).isEmpty();
  }

  @Test
  void loweringTakesFromTheFullestShardsAndRefusesWhatTheyLackTogether() {
    assertThat(InventoryShards.lower(5, new int[] {1, 4, 3})).contains(Map.of(1, 4, 2, 1));
    assertThat(InventoryShards.lower(8, new int[] {1, 4, 3})).contains(Map.of(1, 4, 2, 3, 0, 1));
    assertThat(InventoryShards.lower(9, new int[] {1, 4, 3})).isEmpty();
    assertThat(InventoryShards.lower(0, new int[] {0, 0})).contains(Map.of());
  }

  @Test
  void raisingSpreadsTheNewSeatsEvenly() {
    assertThat(InventoryShards.raise(5, 4)).isEqualTo(Map.of(0, 2, 1, 1, 2, 1, 3, 1));
    assertThat(InventoryShards.raise(2, 4)).isEqualTo(Map.of(0, 1, 1, 1));
  }

  @Test
  void aLineHeldOnShardsMustAccountForEverySeat() {
    var line = new OrderLine("ga", "GA", 3, 2500);
    assertThat(line.shards()).isEmpty();
    assertThat(line.onShards(Map.of(0, 1, 2, 2)).shards()).containsExactly(Map.entry(0, 1), Map.entry(2, 2));
    assertThatThrownBy(() -> line.onShards(Map.of(0, 1))).isInstanceOf(IllegalArgumentException.class);
  }
}
