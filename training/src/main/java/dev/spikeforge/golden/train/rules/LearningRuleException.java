package dev.spikeforge.golden.train.rules;

/** A rule's options, data or starting model do not fit it; the message is one line for the user. */
public final class LearningRuleException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LearningRuleException(String message) {
    super(message);
  }
}
