package com.boxoffice.shared.log;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.spi.MDCAdapter;

/**
 * The MDC behind {@link LogContext}: one map per thread, not inherited by threads started while a
 * request is handled (a pool thread must not keep a finished request's ids). Keys are kept sorted,
 * so every line lists its context in the same order.
 */
final class ThreadMdc implements MDCAdapter {
  private final ThreadLocal<TreeMap<String, String>> values = ThreadLocal.withInitial(TreeMap::new);
  private final ThreadLocal<Map<String, Deque<String>>> stacks = ThreadLocal.withInitial(HashMap::new);

  @Override
  public void put(String key, String val) {
    if (key == null) {
      throw new IllegalArgumentException("an MDC key cannot be null");
    }
    values.get().put(key, val);
  }

  @Override
  public String get(String key) {
    return values.get().get(key);
  }

  @Override
  public void remove(String key) {
    values.get().remove(key);
  }

  @Override
  public void clear() {
    values.get().clear();
    stacks.get().clear();
  }

  /** The live map of this thread, for rendering a line (read on the logging thread only). */
  Map<String, String> current() {
    return values.get();
  }

  @Override
  public Map<String, String> getCopyOfContextMap() {
    return new HashMap<>(values.get());
  }

  @Override
  public void setContextMap(Map<String, String> contextMap) {
    TreeMap<String, String> map = values.get();
    map.clear();
    if (contextMap != null) {
      map.putAll(contextMap);
    }
  }

  @Override
  public void pushByKey(String key, String value) {
    stacks.get().computeIfAbsent(key, k -> new ArrayDeque<>()).push(value);
  }

  @Override
  public String popByKey(String key) {
    Deque<String> deque = stacks.get().get(key);
    return deque == null ? null : deque.poll();
  }

  @Override
  public Deque<String> getCopyOfDequeByKey(String key) {
    Deque<String> deque = stacks.get().get(key);
    return deque == null ? null : new ArrayDeque<>(deque);
  }

  @Override
  public void clearDequeByKey(String key) {
    Deque<String> deque = stacks.get().get(key);
    if (deque != null) {
      deque.clear();
    }
  }
}
