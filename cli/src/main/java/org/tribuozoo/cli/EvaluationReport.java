package org.tribuozoo.cli;

import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelConfusionMatrix;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuozoo.tribuo.ZooModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A model evaluated on a test set by Tribuo's {@link LabelEvaluator}: the report (per-label
 * precision, recall and F1, accuracy), the confusion matrix, the wrongly predicted examples, and
 * the closing {@code test accuracy: 0.9876} line.
 *
 * @param evaluation Tribuo's evaluation
 * @param test       the test examples, in the order of the evaluation's predictions
 * @param labels     the labels in display order (rows and columns of the matrix)
 */
record EvaluationReport(LabelEvaluation evaluation, Dataset<Label> test, List<String> labels) {

    /**
     * One wrongly predicted test example.
     *
     * @param index     its position in the test data (0 for the first)
     * @param label     the true label
     * @param predicted the predicted label
     * @param score     the score of the predicted label
     */
    record Mistake(int index, String label, String predicted, double score) {
    }

    /** Evaluates a model on a test set. */
    static EvaluationReport of(ZooModel model, Dataset<Label> test) {
        LabelEvaluation evaluation = new LabelEvaluator().evaluate(model, test);
        List<String> labels = DataSets.sorted(model.labels());
        LabelConfusionMatrix matrix = (LabelConfusionMatrix) evaluation.getConfusionMatrix();
        matrix.setLabelOrder(labels.stream().map(Label::new).toList());
        return new EvaluationReport(evaluation, test, labels);
    }

    /** The accuracy on the test set. */
    double accuracy() {
        return evaluation.accuracy();
    }

    /** Tribuo's confusion matrix, in {@link #labels()} order. */
    LabelConfusionMatrix confusionMatrix() {
        return (LabelConfusionMatrix) evaluation.getConfusionMatrix();
    }

    /** The test examples predicted wrongly, in test-set order. */
    List<Mistake> mistakes() {
        List<Prediction<Label>> predictions = evaluation.getPredictions();
        List<Mistake> out = new ArrayList<>();
        for (int i = 0; i < predictions.size(); i++) {
            Prediction<Label> p = predictions.get(i);
            String truth = p.getExample().getOutput().getLabel();
            String predicted = p.getOutput().getLabel();
            if (!truth.equals(predicted)) {
                out.add(new Mistake(i, truth, predicted, p.getOutput().getScore()));
            }
        }
        return out;
    }

    /**
     * The mean cross-entropy of the true labels' probabilities, each clipped to [1e-7, 1] as Keras
     * does, so that the figure compares with a Keras "test loss".
     */
    double crossEntropy() {
        double sum = 0;
        List<Prediction<Label>> predictions = evaluation.getPredictions();
        for (Prediction<Label> p : predictions) {
            Label truth = p.getOutputScores().get(p.getExample().getOutput().getLabel());
            double prob = truth == null ? 0 : truth.getScore();
            sum -= Math.log(Math.min(1.0, Math.max(1e-7, prob)));
        }
        return predictions.isEmpty() ? Double.NaN : sum / predictions.size();
    }

    /** The example a prediction was made for. */
    Example<Label> example(int index) {
        return evaluation.getPredictions().get(index).getExample();
    }

    /** The closing line, four decimals. */
    String accuracyLine() {
        return String.format(Locale.ROOT, "test accuracy: %.4f", accuracy());
    }

    /**
     * The whole text: Tribuo's report, its confusion matrix (rows are true labels, columns
     * predicted ones), the number of wrong predictions, then the accuracy line last.
     */
    String text() {
        StringBuilder sb = new StringBuilder();
        sb.append(evaluation.toString().stripTrailing()).append('\n').append('\n');
        sb.append("Confusion matrix (rows: true label, columns: predicted label)\n");
        sb.append(confusionMatrix().toString().stripTrailing()).append('\n').append('\n');
        sb.append(String.format(Locale.ROOT, "wrong predictions: %,d of %,d%n", mistakes().size(), test.size()));
        sb.append(String.format(Locale.ROOT, "test loss (cross-entropy): %.4f%n", crossEntropy()));
        sb.append(accuracyLine()).append('\n');
        return sb.toString();
    }
}
