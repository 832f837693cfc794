package org.snn4j.train;

import java.util.ArrayList;
import java.util.List;
import org.snn4j.data.HorizontalFlip;
import org.snn4j.data.RandomCrop;
import org.snn4j.data.Transform;

/**
 * Training-set augmentation: random crop after zero padding, and random horizontal flips (both
 * seeded per batch by the loader, so runs stay deterministic).
 *
 * @param cropPadding zero padding before the random crop back to the input size (0: no crop)
 * @param flip        flip half of the images horizontally (not for digits)
 */
public record Augment(int cropPadding, boolean flip) {
    public Augment {
        if (cropPadding < 0) throw new org.snn4j.Snn4jException("crop padding must be >= 0, was " + cropPadding);
    }

    public static Augment none() {
        return new Augment(0, false);
    }

    /** The transforms to apply to each training batch. */
    public Transform[] transforms() {
        List<Transform> t = new ArrayList<>();
        if (cropPadding > 0) t.add(new RandomCrop(cropPadding));
        if (flip) t.add(new HorizontalFlip());
        return t.toArray(Transform[]::new);
    }
}
