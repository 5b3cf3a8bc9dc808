package org.tribuozoo.graph;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tensorflow.proto.ClusterDef;
import org.tensorflow.proto.JobDef;
import org.tensorflow.proto.ServerDef;

/**
 * A TensorFlow cluster of two jobs: {@code ps}, whose tasks hold the variables, and {@code worker},
 * whose tasks each run one replica of the training step; every task a {@code host:port}, task 0
 * first. Read from a small JSON file in TensorFlow's {@code ClusterSpec} shape:
 *
 * <pre>{@code
 * {"ps": ["10.0.0.1:2222"], "worker": ["10.0.0.2:2222", "10.0.0.3:2222"]}
 * }</pre>
 *
 * @param ps      the parameter-server tasks' addresses, at least one
 * @param workers the worker tasks' addresses, at least one; worker 0 is the master the chief talks to
 */
public record ClusterSpec(List<String> ps, List<String> workers) {

    /** The job holding the variables. */
    public static final String PS = "ps";
    /** The job running the replicas. */
    public static final String WORKER = "worker";

    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._-]+):(\\d{1,5})");

    /**
     * Checks and copies the two jobs' addresses.
     *
     * @param ps      the parameter-server tasks' addresses, at least one
     * @param workers the worker tasks' addresses, at least one
     * @throws IllegalArgumentException if a job is empty, an address is not {@code host:port} with a port
     *                                  in 1..65535, or an address appears twice
     */
    public ClusterSpec {
        ps = List.copyOf(ps);
        workers = List.copyOf(workers);
        checkJob(PS, ps);
        checkJob(WORKER, workers);
        Map<String, String> seen = new HashMap<>();
        for (String job : List.of(PS, WORKER)) {
            List<String> tasks = job.equals(PS) ? ps : workers;
            for (int i = 0; i < tasks.size(); i++) {
                String where = "job '" + job + "' task " + i;
                String before = seen.putIfAbsent(tasks.get(i), where);
                if (before != null) {
                    throw new IllegalArgumentException(where + " has the address " + tasks.get(i) + " of " + before
                            + "; every task needs a port of its own");
                }
            }
        }
    }

    /**
     * A cluster of one ps task and the given workers, all on this machine's loopback interface.
     *
     * @param psPort      the ps task's port
     * @param workerPorts the workers' ports, worker 0 first
     * @return the cluster {@code localhost:psPort} / {@code localhost:port} for each worker
     */
    public static ClusterSpec loopback(int psPort, List<Integer> workerPorts) {
        return new ClusterSpec(List.of("localhost:" + psPort),
                workerPorts.stream().map(p -> "localhost:" + p).toList());
    }

    /**
     * Reads a cluster file.
     *
     * @param file the cluster file, JSON in TensorFlow's {@code ClusterSpec} shape
     * @return the cluster it describes
     * @throws IllegalArgumentException naming the file and what is wrong with it, in one line
     */
    public static ClusterSpec read(Path file) {
        String json;
        try {
            json = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such cluster file: " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read cluster file " + file + ": " + e.getMessage());
        }
        try {
            return parse(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }

    /**
     * Parses a cluster's JSON text: an object with the arrays {@code ps} and {@code worker} of
     * {@code host:port} strings and nothing else.
     *
     * @param json the text
     * @return the cluster it describes
     * @throws IllegalArgumentException saying what is wrong, in one line
     */
    public static ClusterSpec parse(String json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("a cluster file is a JSON object {\"ps\": [\"host:port\", ...], "
                    + "\"worker\": [\"host:port\", ...]}");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals(PS) && !name.equals(WORKER)) {
                throw new IllegalArgumentException("unknown job '" + name + "'; the jobs are 'ps' and 'worker'");
            }
        }
        return new ClusterSpec(tasks(root, PS), tasks(root, WORKER));
    }

    private static List<String> tasks(JsonNode root, String job) {
        JsonNode node = root.get(job);
        if (node == null) {
            throw new IllegalArgumentException("no job '" + job + "': a cluster needs the jobs 'ps' and 'worker'");
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("job '" + job + "' is not a list of \"host:port\" strings");
        }
        List<String> tasks = new java.util.ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode task = node.get(i);
            if (!task.isTextual()) {
                throw new IllegalArgumentException("job '" + job + "' task " + i + ": " + task
                        + " is not a \"host:port\" string");
            }
            tasks.add(task.asText());
        }
        return tasks;
    }

    private static void checkJob(String job, List<String> tasks) {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("job '" + job + "' has no tasks");
        }
        for (int i = 0; i < tasks.size(); i++) {
            String address = tasks.get(i);
            Matcher m = HOST_PORT.matcher(address == null ? "" : address);
            if (!m.matches()) {
                throw new IllegalArgumentException("job '" + job + "' task " + i + ": '" + address
                        + "' is not host:port");
            }
            int port = Integer.parseInt(m.group(2));
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("job '" + job + "' task " + i + ": port " + port
                        + " is outside 1..65535");
            }
        }
    }

    /** {@return the number of parameter-server tasks} */
    public int psCount() {
        return ps.size();
    }

    /** {@return the number of worker tasks, and so of replicas of the training step} */
    public int workerCount() {
        return workers.size();
    }

    /**
     * The address of a task.
     *
     * @param job  {@code ps} or {@code worker}
     * @param task the task's index in its job, from 0
     * @return its {@code host:port}
     * @throws IllegalArgumentException if the job or the task is not the cluster's
     */
    public String address(String job, int task) {
        List<String> tasks = tasks(job);
        if (task < 0 || task >= tasks.size()) {
            throw new IllegalArgumentException("job '" + job + "' has tasks 0.." + (tasks.size() - 1) + ", not "
                    + task);
        }
        return tasks.get(task);
    }

    private List<String> tasks(String job) {
        return switch (job) {
            case PS -> ps;
            case WORKER -> workers;
            default -> throw new IllegalArgumentException("unknown job '" + job + "'; the jobs are 'ps' and 'worker'");
        };
    }

    /** {@return the session target of the chief: worker 0's gRPC address, {@code grpc://host:port}} */
    public String target() {
        return "grpc://" + workers.get(0);
    }

    /** {@return the cluster as TensorFlow's {@code ClusterDef}, task indices as in the file} */
    public ClusterDef toClusterDef() {
        ClusterDef.Builder b = ClusterDef.newBuilder();
        for (String job : List.of(PS, WORKER)) {
            JobDef.Builder j = JobDef.newBuilder().setName(job);
            List<String> tasks = tasks(job);
            for (int i = 0; i < tasks.size(); i++) {
                j.putTasks(i, tasks.get(i));
            }
            b.addJob(j);
        }
        return b.build();
    }

    /**
     * What a TensorFlow server of one task of this cluster is started from.
     *
     * @param job  {@code ps} or {@code worker}
     * @param task the task's index in its job, from 0
     * @return the server definition: this cluster, the task, the gRPC protocol
     * @throws IllegalArgumentException if the job or task is not the cluster's
     */
    public ServerDef serverDef(String job, int task) {
        address(job, task);
        return ServerDef.newBuilder().setCluster(toClusterDef()).setJobName(job).setTaskIndex(task)
                .setProtocol("grpc").build();
    }

    /** {@return the cluster file's JSON text, which {@link #parse} reads back} */
    public String toJson() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode p = root.putArray(PS);
        ps.forEach(p::add);
        ArrayNode w = root.putArray(WORKER);
        workers.forEach(w::add);
        return root.toString();
    }

    /** "1 ps, 2 workers". */
    @Override
    public String toString() {
        return psCount() + " ps, " + workerCount() + (workerCount() == 1 ? " worker" : " workers");
    }
}
